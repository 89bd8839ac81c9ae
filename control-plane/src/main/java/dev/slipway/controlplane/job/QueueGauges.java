package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.CachedReading;
import dev.slipway.controlplane.support.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.util.function.ToDoubleFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code slipway_jobs_pending}, {@code slipway_jobs_running}, {@code slipway_jobs_oldest_pending_age_seconds}: the
 * queue of the whole installation (every control plane on one database reports the same), read in one statement on
 * the queue's partial indexes at most once per {@code slipway.metrics.gauge-cache}.
 */
@Component
class QueueGauges implements MeterBinder {

    private static final String LEASED = JobStatus.sqlList(JobStatus.LEASED);

    /** {@code oldestPendingSeconds}: since the oldest waiting job was created; 0 with an empty queue. */
    private record Reading(double pending, double running, double oldestPendingSeconds) {
    }

    private final CachedReading<Reading> reading;

    QueueGauges(JdbcClient jdbc, MetricsProperties properties) {
        this.reading = new CachedReading<>(() -> jdbc.sql("""
                        SELECT (SELECT count(*) FROM jobs WHERE status = 'PENDING') AS pending,
                               (SELECT min(create_time) FROM jobs WHERE status = 'PENDING') AS oldest,
                               (SELECT count(*) FROM jobs WHERE status IN (%s)) AS running,
                               now() AS db_now""".formatted(LEASED))
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    double age = oldest == null ? 0
                            : Math.max(0, (rs.getTimestamp("db_now").getTime() - oldest.getTime()) / 1000.0);
                    return new Reading(rs.getLong("pending"), rs.getLong("running"), age);
                }).single(), new Reading(Double.NaN, Double.NaN, Double.NaN), properties.gaugeCache());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "slipway.jobs.pending", "Jobs waiting for a runner (all control planes)", null,
                Reading::pending);
        gauge(registry, "slipway.jobs.running", "Jobs leased by a runner (all control planes)", null,
                Reading::running);
        gauge(registry, "slipway.jobs.oldest.pending.age", "Seconds since the oldest waiting job was created",
                "seconds", Reading::oldestPendingSeconds);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<Reading> value) {
        Gauge.builder(name, reading, r -> value.applyAsDouble(r.get())).description(description).baseUnit(unit)
                .strongReference(true).register(registry);
    }
}
