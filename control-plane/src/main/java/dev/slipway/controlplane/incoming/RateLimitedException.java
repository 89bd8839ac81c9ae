package dev.slipway.controlplane.incoming;

import dev.slipway.controlplane.support.Refusal;
import java.time.Duration;

/** 429 with the wait the caller should honour ({@code Retry-After}, whole seconds). */
public class RateLimitedException extends Refusal {

    private final Duration retryAfter;

    RateLimitedException(String detail, Duration retryAfter) {
        super(Kind.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
