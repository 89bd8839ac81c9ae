package dev.slipway.runner.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Replaces every spelling of the job's secrets in a log line with {@value #MASK}. Works on whole lines, after the
 * output was split into lines, so a value written across two output chunks is masked like any other; a value with a
 * line break is masked piece by piece on each line. Overlapping matches merge into one mask. Immutable, thread-safe.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> pieces;

    private SecretMasker(List<String> pieces) {
        this.pieces = pieces;
    }

    /** @param secrets name to value; values shorter than four characters are ignored */
    public static SecretMasker of(Map<String, String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            return NONE;
        }
        List<String> pieces = new ArrayList<>();
        secrets.values().stream()
                .filter(v -> v != null && v.length() >= SecretForms.MIN_LENGTH)
                .forEach(v -> SecretForms.linePieces(v).stream().filter(p -> !pieces.contains(p)).forEach(pieces::add));
        pieces.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(pieces));
    }

    public String mask(String line) {
        if (line == null || pieces.isEmpty()) {
            return line;
        }
        boolean[] covered = null;
        for (String piece : pieces) {
            for (int at = line.indexOf(piece); at >= 0; at = line.indexOf(piece, at + 1)) {
                if (covered == null) {
                    covered = new boolean[line.length()];
                }
                java.util.Arrays.fill(covered, at, at + piece.length(), true);
            }
        }
        if (covered == null) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            if (!covered[i]) {
                out.append(line.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }
}
