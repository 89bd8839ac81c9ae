package dev.slipway.runner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactSecretScanTests {

    private static final String SECRET = "sk_live_0123456789 abc";

    @TempDir
    Path temp;

    @Test
    void findsPlainBase64AndUrlEncodedValuesAndNamesTheFile() throws Exception {
        ArtifactSecretScan scan = new ArtifactSecretScan(Map.of("STRIPE_KEY", SECRET));
        Path clean = write("clean.js", "console.log('hello')");
        assertThat(scan.scan(Map.of("dist/clean.js", clean))).isEmpty();
        for (String form : new String[] {SECRET,
                Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(SECRET, StandardCharsets.UTF_8)}) {
            Path file = write("app.js", "const k = \"" + form + "\";");
            assertThat(scan.scan(Map.of("dist/clean.js", clean, "dist/app.js", file)).orElseThrow().reason())
                    .isEqualTo("Secret STRIPE_KEY found in dist/app.js; the deploy was stopped");
        }
    }

    @Test
    void findsAValueStraddlingTwoReadBlocks() throws Exception {
        byte[] bytes = new byte[(1 << 20) + 100];
        java.util.Arrays.fill(bytes, (byte) 'x');
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(secret, 0, bytes, (1 << 20) - 5, secret.length);
        Path file = temp.resolve("big.js");
        Files.write(file, bytes);
        assertThat(new ArtifactSecretScan(Map.of("K", SECRET)).scan(Map.of("big.js", file))).isPresent();
        assertThat(new ArtifactSecretScan(Map.of()).scan(Map.of("big.js", file))).isEmpty();
    }

    private Path write(String name, String content) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
