package dev.slipway.protocol.runner;

/**
 * Paths and headers of the runner protocol between build runners and the control plane.
 *
 * <p>All calls carry {@code Authorization: Bearer <runner token>}. Every call about a leased job also carries
 * {@link #LEASE_HEADER} with the lease id from {@link LeasedJob#leaseId()}; the control plane answers 409 when
 * that lease is no longer the job's current lease (expired and re-queued, cancelled, finished), and the runner
 * must then abandon the job without reporting further.
 */
public final class RunnerApi {
    public static final String LEASE_HEADER = "X-Slipway-Lease";
    /** POST {@link LeaseRequest}: 200 {@link LeasedJob}, or 204 when nothing was queued within the wait. */
    public static final String LEASE = "/runner/v1/lease";
    /** POST, no body: 200 {@link HeartbeatResponse}; extends the lease. */
    public static final String HEARTBEAT = "/runner/v1/jobs/{jobId}/heartbeat";
    /** POST {@link LogBatch}: 200 {@link LogAck}. Resend-safe: lines below the acknowledged index are ignored. */
    public static final String LOGS = "/runner/v1/jobs/{jobId}/logs";
    /** POST {@link StepReport}: 204. */
    public static final String STEPS = "/runner/v1/jobs/{jobId}/steps";
    /** POST {@link JobCompletion}: 200 {@link CompletionAck}. Idempotent for the same lease. */
    public static final String COMPLETE = "/runner/v1/jobs/{jobId}/complete";

    private RunnerApi() {
    }

    public static String path(String template, long jobId) {
        return template.replace("{jobId}", Long.toString(jobId));
    }
}
