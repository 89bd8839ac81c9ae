package dev.slipway.controlplane.support;

/**
 * Why the control plane refuses a request, in its own terms: the kind of refusal and a detail a person can act on.
 * Features throw it without knowing about HTTP; {@link ProblemHandler} (problem+json) and the console's error page
 * map each {@link Kind} to a status in one place ({@link RefusalStatus}).
 */
public class Refusal extends RuntimeException {

    public enum Kind {
        /** A value the caller can correct. */
        INVALID,
        /** No valid credentials. */
        UNAUTHENTICATED,
        /** Credentials without the role or ownership this needs. */
        FORBIDDEN,
        NOT_FOUND,
        /** A clash with what exists (a name taken, a quota reached, a state that does not allow it). */
        CONFLICT,
        /** Too many requests: see {@code RateLimitedException} for when to retry. */
        RATE_LIMITED
    }

    private final Kind kind;

    public Refusal(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** A bad value or a clash with what exists: the same request, corrected, can succeed. */
    public boolean fixable() {
        return kind == Kind.INVALID || kind == Kind.CONFLICT;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Kind.INVALID, detail);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, detail);
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Kind.CONFLICT, detail);
    }

    public static Refusal unauthenticated(String detail) {
        return new Refusal(Kind.UNAUTHENTICATED, detail);
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, detail);
    }
}
