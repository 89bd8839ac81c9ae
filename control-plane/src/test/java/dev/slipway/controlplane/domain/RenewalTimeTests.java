package dev.slipway.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.domain.cert.StoredCertificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalTimeTests {

    @Test
    void renewalStartsAtTwoThirdsOfTheLifetime() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        StoredCertificate certificate = new StoredCertificate("example.com", StoredCertificate.ACME,
                List.of("example.com"), "hash", "1", issued, issued.plusSeconds(90 * 86400), 1);
        assertThat(certificate.renewAfter()).isEqualTo(issued.plusSeconds(60 * 86400));
    }
}
