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
        assertThat(stored).startsWith("sha256$").doesNotContain("s3cret");
        assertThat(BasicAuthHash.matches(stored, "Basic " + b64("ann:s3cret"))).isTrue();
        assertThat(BasicAuthHash.matches(stored, "basic " + b64("ann:s3cret"))).isTrue();
        assertThat(BasicAuthHash.matches(stored, "Basic " + b64("ann:wrong"))).isFalse();
        assertThat(BasicAuthHash.matches(stored, "Basic !!!")).isFalse();
        assertThat(BasicAuthHash.matches(stored, "Bearer x")).isFalse();
        assertThat(BasicAuthHash.matches(stored, null)).isFalse();
        assertThat(BasicAuthHash.create(b64("ann:s3cret"))).isNotEqualTo(stored);
    }

    @Test
    void refusesWhatIsNotUserColonPassword() {
        assertThatThrownBy(() -> BasicAuthHash.create("%%%")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> BasicAuthHash.create(b64("nocolon"))).hasMessageContaining("user:password");
        assertThatThrownBy(() -> BasicAuthHash.create(b64("ann:"))).hasMessageContaining("non-empty");
    }
}
