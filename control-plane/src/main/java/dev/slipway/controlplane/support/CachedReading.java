package dev.slipway.controlplane.support;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for metrics gauges, reused for a while: every gauge of a reading and every scrape
 * within {@code slipway.metrics.gauge-cache} share one read. When the read fails the fallback (NaN values, which
 * Prometheus shows as "no value") is cached the same way, so a scrape during a database outage answers.
 */
public final class CachedReading<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final Supplier<T> read;
    private final T fallback;
    private final long ttlNanos;
    private T value;
    private long readAt;

    public CachedReading(Supplier<T> read, T fallback, Duration ttl) {
        this.read = read;
        this.fallback = fallback;
        this.ttlNanos = ttl.toNanos();
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt >= ttlNanos) {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                log.debug("Metrics: a database gauge could not be read: {}", e.getMessage());
                value = fallback;
            }
            readAt = now;
        }
        return value;
    }
}
