package dev.slipway.controlplane.domain;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Custom domains ({@code slipway.domains.*}; the SLIPWAY_* names are mapped in application.yml).
 *
 * @param dnsServer           host:port of the resolver that checks verification records; empty = the system's
 * @param tick                how often the background worker looks for due work
 * @param checkInterval       how often an unverified domain's TXT record is looked up (ten times less after an hour)
 * @param verificationTimeout a domain whose record is still missing then becomes FAILED
 * @param acmeDirectory       the ACME directory URL; empty = no managed certificates (uploads still work)
 * @param acmeCaBundle        PEM file of CAs to trust for the ACME server's own TLS (a private ACME server)
 * @param acmeEmail           contact for the ACME account (optional)
 * @param acmeOrdersPerMinute certificate orders started per minute at most, whatever the number of domains
 * @param acmeRetryBase       first back-off after a failed order; doubles per failure up to {@code acmeRetryMax}
 * @param acmeRetryMax        longest back-off between attempts
 * @param edgeHostname        what subdomain CNAME records should point at; empty = the base domain
 * @param acmeCaaIdentities   the ACME CA's CAA identities (e.g. letsencrypt.org): a domain whose CAA records allow
 *                            none of them fails verification with that reason; empty = no CAA check
 * @param recheckInterval     how often a verified domain's TXT record is looked up again; a record missing for
 *                            {@code verificationTimeout} makes the domain FAILED (its hosts leave the edges)
 */
@Validated
@ConfigurationProperties("slipway.domains")
public record DomainProperties(
        @DefaultValue("") String dnsServer,
        @NotNull @DefaultValue("2s") Duration tick,
        @NotNull @DefaultValue("60s") Duration checkInterval,
        @NotNull @DefaultValue("72h") Duration verificationTimeout,
        @DefaultValue("") String acmeDirectory,
        @DefaultValue("") String acmeCaBundle,
        @DefaultValue("") String acmeEmail,
        @DefaultValue("20") int acmeOrdersPerMinute,
        @NotNull @DefaultValue("1m") Duration acmeRetryBase,
        @NotNull @DefaultValue("6h") Duration acmeRetryMax,
        @DefaultValue("") String edgeHostname,
        @DefaultValue("") List<String> acmeCaaIdentities,
        @NotNull @DefaultValue("24h") Duration recheckInterval) {

    public boolean acmeEnabled() {
        return !acmeDirectory.isBlank();
    }
}
