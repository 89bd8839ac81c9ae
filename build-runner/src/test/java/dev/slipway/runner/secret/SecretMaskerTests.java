package dev.slipway.runner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.slipway.runner.executor.LineSplitter;
import org.junit.jupiter.api.Test;

class SecretMaskerTests {

    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+/=.:@!$%&?#~ \"'é€";

    @Test
    void masksExactBase64AndUrlEncodedForms() {
        String secret = "s3cr3t value/+?";
        SecretMasker masker = SecretMasker.of(Map.of("TOKEN", secret));
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertThat(masker.mask("token=" + secret + ";")).isEqualTo("token=***;");
        assertThat(masker.mask("b64 " + base64)).isEqualTo("b64 ***");
        assertThat(masker.mask("q=" + url + "&x=" + url.replace("+", "%20"))).isEqualTo("q=***&x=***");
        assertThat(masker.mask("nothing here")).isEqualTo("nothing here");
    }

    @Test
    void overlappingAndAdjacentMatchesBecomeOneMask() {
        SecretMasker masker = SecretMasker.of(Map.of("A", "abab", "B", "babc"));
        assertThat(masker.mask("xababcx")).isEqualTo("x***x");
        assertThat(masker.mask("ababab")).isEqualTo("***");
    }

    @Test
    void multiLineValuesAreMaskedPerLineAndShortValuesIgnored() {
        SecretMasker masker = SecretMasker.of(Map.of("KEY", "-----BEGIN KEY-----\nMIIEabcd\n-----END KEY-----",
                "PIN", "123"));
        assertThat(masker.mask("-----BEGIN KEY-----")).isEqualTo("***");
        assertThat(masker.mask("  MIIEabcd")).isEqualTo("  ***");
        assertThat(masker.mask("port 1234")).as("a 3-character value is not a secret").isEqualTo("port 1234");
    }

    /**
     * 1,000 generated cases: random secrets (some multi-line), written in random spellings into random output, cut
     * into random chunks, split into lines as the executors do, masked. No line may contain any spelling piece, and
     * the joined output may not contain any whole spelling.
     */
    @Test
    void generatedOutputNeverLeaksASecret() {
        Random random = new Random(20261122L);
        for (int n = 0; n < 1000; n++) {
            Map<String, String> secrets = new LinkedHashMap<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                secrets.put("S" + i, secret(random));
            }
            StringBuilder output = new StringBuilder();
            for (int i = 0; i < 5 + random.nextInt(10); i++) {
                output.append(noise(random));
                String value = List.copyOf(secrets.values()).get(random.nextInt(count));
                List<String> forms = new ArrayList<>(SecretForms.whole(value));
                output.append(forms.get(random.nextInt(forms.size())));
                if (random.nextInt(3) == 0) {
                    output.append('\n');
                }
            }
            output.append(noise(random));
            List<String> lines = new ArrayList<>();
            SecretMasker masker = SecretMasker.of(secrets);
            LineSplitter splitter = new LineSplitter(line -> lines.add(masker.mask(line)));
            byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; ) {
                int length = Math.min(bytes.length - at, 1 + random.nextInt(12));
                splitter.accept(bytes, at, length);
                at += length;
            }
            splitter.finish();
            String joined = String.join("\n", lines);
            for (String value : secrets.values()) {
                for (String form : SecretForms.whole(value)) {
                    assertThat(joined).as("case %d, form of %s", n, value).doesNotContain(form);
                }
                for (String piece : SecretForms.linePieces(value)) {
                    assertThat(lines).as("case %d", n).noneMatch(line -> line.contains(piece));
                }
            }
        }
    }

    private static String secret(Random random) {
        StringBuilder value = new StringBuilder();
        int length = 4 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        if (random.nextInt(5) == 0) {
            value.append('\n');
            for (int i = 0; i < 4 + random.nextInt(10); i++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return value.toString();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            int pick = random.nextInt(ALPHABET.length() + 2);
            text.append(pick >= ALPHABET.length() ? '\n' : ALPHABET.charAt(pick));
        }
        return text.toString();
    }
}
