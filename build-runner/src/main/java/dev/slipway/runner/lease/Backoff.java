package dev.slipway.runner.lease;

import java.time.Duration;

/** Exponential backoff from 100 ms doubling up to a cap; not thread-safe, one per retry loop. */
final class Backoff {

    private final long maxMillis;
    private long next = 100;

    Backoff(Duration max) {
        this.maxMillis = max.toMillis();
    }

    void reset() {
        next = 100;
    }

    /** Sleeps for the next delay. */
    void pause() throws InterruptedException {
        long delay = Math.min(next, maxMillis);
        next = Math.min(next * 2, maxMillis);
        Thread.sleep(delay);
    }

    /** {@link #pause()} for retry loops: false when interrupted (the flag is kept), so the loop should end. */
    boolean pauseUnlessInterrupted() {
        try {
            pause();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
