package dev.slipway.edge.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import reactor.netty.http.server.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing on basic-auth sites, as Amplify throttles failed attempts
 * (amplify-hosting-reference.md §9): after {@value #MAX_FAILURES} wrong passwords from one client address for one
 * app within {@link #WINDOW}, that client gets 429 on every host of the app until the window has passed since its last
 * failure. Per app, not per host: an app's branch, preview and immutable ({@code <deploymentId>.<appId>}) hosts share
 * passwords, so counting per host gave each of them a fresh set of guesses (issue 16 L5). Missing credentials (the
 * browser's first request) do not count. Bounded in memory; thread-safe; never blocks.
 */
final class AuthThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .build();

    boolean isBlocked(String appId, String client) {
        AtomicInteger count = failures.getIfPresent(appId + "|" + client);
        return count != null && count.get() >= MAX_FAILURES;
    }

    void failed(String appId, String client) {
        String key = appId + "|" + client;
        AtomicInteger count = failures.get(key, k -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(key, count); // restarts the window at the latest failure
    }

    /** The address failures are counted for: the peer's IP (the edge faces visitors directly). */
    static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().getAddress().getHostAddress();
    }
}
