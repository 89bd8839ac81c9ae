package dev.slipway.runner.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for secret values (plain, base64, URL-encoded) in the files about to be deployed, so a build that bundles a
 * secret into client code is stopped before the secret is served. Files are streamed in blocks with an overlap, so
 * memory stays flat for large artifacts. On by default; a per-app opt-out is planned (issue 3). Immutable.
 */
public final class ArtifactSecretScan {

    private static final int BLOCK = 1 << 20;

    private record Needle(String name, byte[] bytes) {
    }

    /** @param file the file as the user knows it (relative to the repository root) */
    public record Finding(String secretName, String file) {

        public String reason() {
            return "Secret " + secretName + " found in " + file + "; the deploy was stopped";
        }
    }

    private final List<Needle> needles = new ArrayList<>();
    private final int longest;

    public ArtifactSecretScan(Map<String, String> secrets) {
        int max = 0;
        for (var secret : (secrets == null ? Map.<String, String>of() : secrets).entrySet()) {
            if (secret.getValue() == null || secret.getValue().length() < SecretForms.MIN_LENGTH) {
                continue;
            }
            for (String form : SecretForms.whole(secret.getValue())) {
                byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
                needles.add(new Needle(secret.getKey(), bytes));
                max = Math.max(max, bytes.length);
            }
        }
        this.longest = max;
    }

    /**
     * @param files shown name (e.g. {@code dist/app.js}) to the local file
     * @return the first secret found, if any
     */
    public Optional<Finding> scan(Map<String, Path> files) throws IOException {
        if (needles.isEmpty()) {
            return Optional.empty();
        }
        for (var file : files.entrySet()) {
            Optional<String> found = scanFile(file.getValue());
            if (found.isPresent()) {
                return Optional.of(new Finding(found.get(), file.getKey()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> scanFile(Path file) throws IOException {
        byte[] buffer = new byte[BLOCK + longest];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.readNBytes(buffer, kept, BLOCK)) > 0) {
                int length = kept + read;
                for (Needle needle : needles) {
                    if (indexOf(buffer, length, needle.bytes()) >= 0) {
                        return Optional.of(needle.name());
                    }
                }
                // keep the tail so a value straddling two blocks is still seen whole
                kept = Math.min(length, longest - 1);
                System.arraycopy(buffer, length - kept, buffer, 0, kept);
            }
        }
        return Optional.empty();
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
