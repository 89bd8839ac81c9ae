package dev.slipway.runner.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spellings of a secret value that must not leave the runner: the value itself, its base64 forms (standard with
 * and without padding, URL-safe, and coreutils' 76-column wrapping) and its URL-encoded forms ({@code +} and
 * {@code %20} for spaces). Stateless.
 */
final class SecretForms {

    /** Values shorter than this are not treated as secrets (the control plane refuses them too). */
    static final int MIN_LENGTH = 4;
    private static final int BASE64_WRAP = 76;

    private SecretForms() {
    }

    /** Whole spellings, for scanning files where line structure does not matter. */
    static Set<String> whole(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(base64);
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(urlEncoded);
        forms.add(urlEncoded.replace("+", "%20"));
        return forms;
    }

    /**
     * Pieces to mask within single log lines: every whole spelling cut at its line breaks (a multi-line value, or a
     * wrapped base64 block, arrives as several lines), keeping pieces of at least {@link #MIN_LENGTH} characters:
     * shorter ones would hide ordinary output.
     */
    static List<String> linePieces(String value) {
        Set<String> pieces = new LinkedHashSet<>();
        for (String form : whole(value)) {
            addPieces(pieces, form);
        }
        String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < base64.length(); i += BASE64_WRAP) {
            addPieces(pieces, base64.substring(i, Math.min(base64.length(), i + BASE64_WRAP)));
        }
        return new ArrayList<>(pieces);
    }

    private static void addPieces(Set<String> pieces, String form) {
        for (String piece : form.split("[\r\n]+")) {
            if (piece.length() >= MIN_LENGTH) {
                pieces.add(piece);
            }
        }
    }
}
