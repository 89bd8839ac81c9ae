package dev.slipway.protocol.net;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for retry loops, the one all Slipway processes use: the ceiling of the n-th pause is
 * {@code first}·2^(n-1), capped at {@code max}, and the pause itself a random duration between half the ceiling and the
 * ceiling ("equal jitter"), so that runners or edges that lost the control plane together do not all come back in the
 * same millisecond. Not thread-safe: one instance per retry loop.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private int failures;

    public Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** After a success: the next pause is short again. */
    public void reset() {
        failures = 0;
    }

    /** The pause after one more failure. */
    public Duration next() {
        return pause(first, max, ++failures);
    }

    /** Sleeps for {@link #next()}. */
    public void pause() throws InterruptedException {
        Thread.sleep(next());
    }

    /** {@link #pause()} for loops that end when interrupted: false then, with the interrupt flag kept. */
    public boolean pauseUnlessInterrupted() {
        try {
            pause();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The pause after the {@code failures}-th failure in a row (1 for the first), for retries that outlive a loop. */
    public static Duration pause(Duration first, Duration max, int failures) {
        long ceiling = ceiling(first, max, failures).toMillis();
        return Duration.ofMillis(ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    static Duration ceiling(Duration first, Duration max, int failures) {
        Duration ceiling = first.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return ceiling.compareTo(max) > 0 ? max : ceiling;
    }
}
