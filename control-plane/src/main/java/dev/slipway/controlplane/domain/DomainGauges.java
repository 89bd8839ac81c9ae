package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.support.CachedReading;
import dev.slipway.controlplane.support.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code slipway_domains{state}}: custom domains per state, for the whole installation, one grouped count at most
 * once per {@code slipway.metrics.gauge-cache}.
 */
@Component
class DomainGauges implements MeterBinder {

    private final CachedReading<Map<DomainStatus, Double>> counts;

    DomainGauges(JdbcClient jdbc, MetricsProperties properties) {
        Map<DomainStatus, Double> unknown = new EnumMap<>(DomainStatus.class);
        for (DomainStatus state : DomainStatus.values()) {
            unknown.put(state, Double.NaN);
        }
        this.counts = new CachedReading<>(() -> {
            Map<DomainStatus, Double> counted = new EnumMap<>(DomainStatus.class);
            jdbc.sql("SELECT domain_status, count(*) FROM domain_associations GROUP BY domain_status")
                    .query(rs -> {
                        counted.put(DomainStatus.valueOf(rs.getString(1)), (double) rs.getLong(2));
                    });
            return counted;
        }, unknown, properties.gaugeCache());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DomainStatus state : DomainStatus.values()) {
            Gauge.builder("slipway.domains", counts, c -> c.get().getOrDefault(state, 0.0))
                    .description("Custom domains in each state (all control planes)").tag("state", state.name())
                    .strongReference(true).register(registry);
        }
    }
}
