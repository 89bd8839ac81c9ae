package dev.slipway.controlplane.support;

import org.springframework.http.HttpStatus;

/** The one place a {@link Refusal.Kind} becomes an HTTP status, for the API and the console alike. */
public final class RefusalStatus {

    private RefusalStatus() {
    }

    public static HttpStatus of(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
