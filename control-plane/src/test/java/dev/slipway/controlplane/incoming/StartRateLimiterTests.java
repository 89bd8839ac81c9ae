package dev.slipway.controlplane.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartRateLimiterTests {

    private final AtomicLong now = new AtomicLong();
    private final StartRateLimiter limiter = new StartRateLimiter(now::get);

    @Test
    void burstOfTenThenOneEverySixSecondsPerWebhook() {
        UUID webhook = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(webhook)).isEmpty();
        }
        assertThat(limiter.acquire(webhook)).contains(Duration.ofSeconds(6));
        assertThat(limiter.acquire(UUID.randomUUID())).as("another webhook has its own bucket").isEmpty();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(limiter.acquire(webhook)).contains(Duration.ofSeconds(3));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(limiter.acquire(webhook)).isEmpty();
        assertThat(limiter.acquire(webhook)).isPresent();
    }
}
