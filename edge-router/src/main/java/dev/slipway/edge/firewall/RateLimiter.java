package dev.slipway.edge.firewall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Fixed-window request counts per app, limit and client address: a client's window starts with its first request and
 * lasts the limit's second or minute; within it at most {@code limit} requests pass. A fixed window is one counter
 * per client (a sliding log would keep every timestamp), and lets at most twice the limit through around a window
 * boundary, which is what rate limits in front of sites are for (stopping floods, not metering).
 *
 * <p>Memory is bounded: at most {@value #MAX_CLIENTS} windows, each dropped when it ends. Under a flood of more
 * distinct clients than that, some windows are dropped early, which only lets those clients start afresh.
 * Thread-safe; never blocks beyond the cache's per-key lock.
 */
public final class RateLimiter {

    static final int MAX_CLIENTS = 200_000;

    private final LongSupplier nanos;
    private final Cache<Key, Window> windows;

    public RateLimiter() {
        this(System::nanoTime);
    }

    /** @param nanos the clock (tests move it by hand) */
    RateLimiter(LongSupplier nanos) {
        this.nanos = nanos;
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .ticker(nanos::getAsLong)
                .expireAfter(new Expiry<Key, Window>() {
                    @Override
                    public long expireAfterCreate(Key key, Window window, long now) {
                        return Math.max(0, window.end - now);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Window window, long now, long current) {
                        return Math.max(0, window.end - now);
                    }

                    @Override
                    public long expireAfterRead(Key key, Window window, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /** @param limitId the app and the limit (its prefix and window), so apps and limits count apart */
    record Key(Object limitId, String client) {
    }

    private static final class Window {
        final long end;
        final AtomicInteger count = new AtomicInteger();

        Window(long end) {
            this.end = end;
        }
    }

    /**
     * Counts one request. A request within its client's window is a cache read and an atomic increment: a cache
     * write (a new window) happens once per client and window, so one busy client does not serialize the event loops.
     *
     * @return 0 when it may pass, else the whole seconds until the client's window ends (at least 1)
     */
    long acquire(Object limitId, String client, int limit, int windowSeconds) {
        long now = nanos.getAsLong();
        Key key = new Key(limitId, client);
        Window window = windows.getIfPresent(key);
        if (window == null || now - window.end >= 0) {
            window = windows.asMap().compute(key, (k, known) -> known == null || now - known.end >= 0
                    ? new Window(now + TimeUnit.SECONDS.toNanos(windowSeconds)) : known);
        }
        if (window.count.incrementAndGet() <= limit) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(window.end - now + 999_999_999L));
    }
}
