package dev.slipway.controlplane.metrics;

import dev.slipway.controlplane.domain.DomainStatus;
import dev.slipway.controlplane.job.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database: the job queue and the domains per state. They describe the whole installation, so
 * every control plane on one database reports the same values. One reading (two small queries, the job ones on the
 * queue's partial indexes) serves every gauge for {@code slipway.metrics.gauge-cache}: however often Prometheus
 * scrapes, the database sees at most that.
 */
@Component
class DatabaseGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);
    private static final String RUNNING = JobStatus.sqlList(JobStatus.LEASED);

    /** One reading; {@code oldestPendingSeconds} is 0 with an empty queue. NaN everywhere when the database failed. */
    record Reading(double pending, double running, double oldestPendingSeconds, Map<DomainStatus, Double> domains,
            long readAtNanos) {
    }

    private final JdbcClient jdbc;
    private final long cacheNanos;
    private Reading reading;

    DatabaseGauges(JdbcClient jdbc, MetricsProperties properties) {
        this.jdbc = jdbc;
        this.cacheNanos = properties.gaugeCache().toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "slipway.jobs.pending", "Jobs waiting for a runner (all control planes)", Reading::pending);
        gauge(registry, "slipway.jobs.running", "Jobs leased by a runner (all control planes)", Reading::running);
        Gauge.builder("slipway.jobs.oldest.pending.age", this, g -> g.current().oldestPendingSeconds())
                .description("Seconds since the oldest waiting job was created; 0 when none waits")
                .baseUnit("seconds").strongReference(true).register(registry);
        for (DomainStatus state : DomainStatus.values()) {
            Gauge.builder("slipway.domains", this, g -> g.current().domains().getOrDefault(state, 0.0))
                    .description("Custom domains in each state (all control planes)").tag("state", state.name())
                    .strongReference(true).register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.current())).description(description)
                .strongReference(true).register(registry);
    }

    /** The cached reading, or a new one when it is older than the cache time. */
    synchronized Reading current() {
        long now = System.nanoTime();
        if (reading == null || now - reading.readAtNanos() >= cacheNanos) {
            reading = read(now);
        }
        return reading;
    }

    private Reading read(long now) {
        try {
            Reading jobs = jdbc.sql("""
                    SELECT (SELECT count(*) FROM jobs WHERE status = 'PENDING') AS pending,
                           (SELECT min(create_time) FROM jobs WHERE status = 'PENDING') AS oldest,
                           (SELECT count(*) FROM jobs WHERE status IN (%s)) AS running,
                           now() AS db_now""".formatted(RUNNING))
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp("oldest");
                        double age = oldest == null ? 0
                                : Math.max(0, (rs.getTimestamp("db_now").getTime() - oldest.getTime()) / 1000.0);
                        return new Reading(rs.getLong("pending"), rs.getLong("running"), age, Map.of(), now);
                    }).single();
            Map<DomainStatus, Double> domains = new EnumMap<>(DomainStatus.class);
            jdbc.sql("SELECT domain_status, count(*) FROM domain_associations GROUP BY domain_status")
                    .query(rs -> {
                        domains.put(DomainStatus.valueOf(rs.getString(1)), (double) rs.getLong(2));
                    });
            return new Reading(jobs.pending(), jobs.running(), jobs.oldestPendingSeconds(), domains, now);
        } catch (RuntimeException e) {
            // a scrape must answer while the database is away (readiness says so); NaN is Prometheus's "no value"
            log.debug("Metrics: the database gauges could not be read: {}", e.getMessage());
            Map<DomainStatus, Double> unknown = new EnumMap<>(DomainStatus.class);
            for (DomainStatus state : DomainStatus.values()) {
                unknown.put(state, Double.NaN);
            }
            return new Reading(Double.NaN, Double.NaN, Double.NaN, unknown, now);
        }
    }
}
