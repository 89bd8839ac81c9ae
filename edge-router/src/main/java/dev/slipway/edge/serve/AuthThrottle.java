package dev.slipway.edge.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing on basic-auth sites, as Amplify throttles failed attempts
 * (amplify-hosting-reference.md §9): after {@value #MAX_FAILURES} wrong passwords from one client address for one
 * host within {@link #WINDOW}, that client gets 429 until the window has passed since its last failure. Missing
 * credentials (the browser's first request) do not count. Bounded in memory; thread-safe; never blocks.
 */
final class AuthThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .build();

    boolean isBlocked(String host, String client) {
        AtomicInteger count = failures.getIfPresent(host + "|" + client);
        return count != null && count.get() >= MAX_FAILURES;
    }

    void failed(String host, String client) {
        String key = host + "|" + client;
        AtomicInteger count = failures.get(key, k -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(key, count); // restarts the window at the latest failure
    }
}
