package dev.slipway.controlplane.incoming;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * A token bucket per incoming webhook, in memory: a script calling its URL in a loop cannot fill the build queue.
 * Per control-plane process; with several control planes the limit applies to each.
 */
@Component
class StartRateLimiter {

    static final int CAPACITY = 10;
    static final Duration REFILL_EVERY = Duration.ofSeconds(6);

    private final ConcurrentMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    StartRateLimiter() {
        this(System::nanoTime);
    }

    StartRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes one token; empty when allowed, else how long until the next token. */
    Optional<Duration> acquire(UUID webhookId) {
        return buckets.computeIfAbsent(webhookId, id -> new Bucket(nanoClock.getAsLong())).take(nanoClock.getAsLong());
    }

    void forget(UUID webhookId) {
        buckets.remove(webhookId);
    }

    private static final class Bucket {
        private double tokens = CAPACITY;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            double refillNanos = REFILL_EVERY.toNanos();
            tokens = Math.min(CAPACITY, tokens + (now - updated) / refillNanos);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * refillNanos)));
        }
    }
}
