package dev.slipway.controlplane.incoming;

import dev.slipway.controlplane.support.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** 429 with the wait the caller should honour ({@code Retry-After}, whole seconds). */
public class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    RateLimitedException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, detail);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
