package dev.slipway.edge.proxy;

/**
 * A compute host's reason for not giving out an instance address (app failed to start, still starting, unknown
 * deployment), passed on to the visitor as the compute host stated it.
 *
 * @param retryAfter the compute host's {@code Retry-After}, or null
 */
final class ComputeRefusal extends RuntimeException {

    private final int status;
    private final String retryAfter;

    ComputeRefusal(int status, String reason, String retryAfter) {
        super(reason, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String retryAfter() {
        return retryAfter;
    }
}
