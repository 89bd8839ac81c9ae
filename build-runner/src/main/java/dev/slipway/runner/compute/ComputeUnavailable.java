package dev.slipway.runner.compute;

/**
 * Why a request could not reach its app: {@code status} 502 when the app cannot start (the message says why), 503
 * while it restarts after a crash for longer than a request waits, 404 for a deployment the control plane does not
 * know, 400 for a request without the deployment header.
 */
public final class ComputeUnavailable extends Exception {

    private final int status;
    private final long retryAfterSeconds;

    public ComputeUnavailable(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ComputeUnavailable(int status, String message) {
        this(status, message, 0);
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** An instance in backoff that stays there past the request's wait: why its last start failed or crash. */
    static ComputeUnavailable waitingFor(ComputeInstance instance, long retryAfter) {
        if (instance.lastStartFailed) {
            return new ComputeUnavailable(502, "the app of deployment " + instance.deploymentId
                    + " could not start: " + instance.lastError, retryAfter);
        }
        return new ComputeUnavailable(503, "the app of deployment " + instance.deploymentId
                + " is restarting after a crash (" + instance.lastError + ")", retryAfter);
    }
}
