package dev.slipway.controlplane.support;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read {@code /actuator/prometheus} and how fresh its database gauges are ({@code slipway.metrics.*}; the
 * SLIPWAY_* names are mapped in application.yml).
 *
 * @param allowedCidrs comma-separated CIDR blocks whose clients read the metrics without a token (a Prometheus server
 *                     on the private network); anyone else needs an admin API token. The client address is the
 *                     connection's, or X-Forwarded-For's when the connection comes from SLIPWAY_TRUSTED_PROXIES
 * @param gaugeCache   how long the database gauges (queue, domain states) reuse one reading: scrapes, from however
 *                     many Prometheus servers, cost at most one database round trip per this interval
 */
@Validated
@ConfigurationProperties("slipway.metrics")
public record MetricsProperties(
        @NotNull @DefaultValue("127.0.0.0/8,::1/128") String allowedCidrs,
        @NotNull @DefaultValue("5s") Duration gaugeCache) {

    public MetricsProperties {
        try {
            AllowedAddresses.parse(allowedCidrs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_METRICS_ALLOWED_CIDRS: " + e.getMessage(), e);
        }
    }
}
