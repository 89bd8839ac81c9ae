package dev.slipway.controlplane.domain.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The certificate in force for a domain (its key stays sealed in the database). */
public record StoredCertificate(String domainName, String source, List<String> hosts, String bundleHash,
                                String serialNumber, Instant notBefore, Instant notAfter, long routeVersion) {

    public static final String ACME = "ACME";
    public static final String UPLOADED = "UPLOADED";

    /** Renewal starts at two thirds of the lifetime, as Let's Encrypt recommends for 90-day certificates. */
    public Instant renewAfter() {
        return notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
    }
}
