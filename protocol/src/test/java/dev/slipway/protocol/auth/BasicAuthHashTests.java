package dev.slipway.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthHashTests {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void matchesOnlyTheSameCredentials() {
        String stored = BasicAuthHash.create(b64("ann:s3cret"));
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain("s3cret");
        assertThat(BasicAuthHash.isSlow(stored)).isTrue();
        assertThat(BasicAuthHash.matches(stored, "Basic " + b64("ann:s3cret"))).isTrue();
        assertThat(BasicAuthHash.matches(stored, "basic " + b64("ann:s3cret"))).isTrue();
        assertThat(BasicAuthHash.matches(stored, "Basic " + b64("ann:wrong"))).isFalse();
        assertThat(BasicAuthHash.matches(stored, "Basic !!!")).isFalse();
        assertThat(BasicAuthHash.matches(stored, "Bearer x")).isFalse();
        assertThat(BasicAuthHash.matches(stored, null)).isFalse();
        assertThat(BasicAuthHash.create(b64("ann:s3cret"))).isNotEqualTo(stored);
    }

    @Test
    void isPbkdf2HmacSha256AsTheJdkComputesIt() throws Exception {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] expected = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("ann:s3cret".toCharArray(), salt, 1000, 256))
                .getEncoded();
        assertThat(BasicAuthHash.pbkdf2("ann:s3cret".getBytes(StandardCharsets.UTF_8), salt, 1000))
                .isEqualTo(expected);
    }

    @Test
    void hashesStoredAsSaltedSha256StillVerify() throws Exception {
        byte[] salt = new byte[16];
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String legacy = "sha256$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(sha.digest("ann:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(BasicAuthHash.isSlow(legacy)).isFalse();
        assertThat(BasicAuthHash.matches(legacy, "Basic " + b64("ann:s3cret"))).isTrue();
        assertThat(BasicAuthHash.matches(legacy, "Basic " + b64("ann:wrong"))).isFalse();
    }

    @Test
    void refusesStoredIterationCountsItWouldNotFinish() {
        String stored = BasicAuthHash.create(b64("ann:s3cret"));
        String huge = stored.replace("$600000$", "$2000000000$");
        assertThat(BasicAuthHash.matches(huge, "Basic " + b64("ann:s3cret"))).isFalse();
        assertThat(BasicAuthHash.matches(stored.replace("$600000$", "$x$"), "Basic " + b64("ann:s3cret"))).isFalse();
        assertThat(BasicAuthHash.matches("md5$abc", "Basic " + b64("ann:s3cret"))).isFalse();
        assertThat(BasicAuthHash.matches(stored, "Basic ")).isFalse();
    }

    @Test
    void refusesWhatIsNotUserColonPassword() {
        assertThatThrownBy(() -> BasicAuthHash.create("%%%")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> BasicAuthHash.create(b64("nocolon"))).hasMessageContaining("user:password");
        assertThatThrownBy(() -> BasicAuthHash.create(b64("ann:"))).hasMessageContaining("non-empty");
    }
}
