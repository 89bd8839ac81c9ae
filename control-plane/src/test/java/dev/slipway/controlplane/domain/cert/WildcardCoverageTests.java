package dev.slipway.controlplane.domain.cert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardCoverageTests {

    @Test
    void aWildcardNameCoversExactlyOneMoreLabel() {
        assertThat(PemCertificate.covers("*.example.com", "www.example.com")).isTrue();
        assertThat(PemCertificate.covers("*.example.com", "example.com")).isFalse();
        assertThat(PemCertificate.covers("*.example.com", "a.b.example.com")).isFalse();
        assertThat(PemCertificate.covers("example.com", "example.com")).isTrue();
        assertThat(PemCertificate.covers("example.com", "www.example.com")).isFalse();
    }
}
