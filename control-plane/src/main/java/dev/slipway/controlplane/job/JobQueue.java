package dev.slipway.controlplane.job;

import dev.slipway.protocol.runner.CompletionAck;
import dev.slipway.protocol.runner.HeartbeatResponse;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.StepReport;
import java.time.Duration;
import java.util.Optional;

/**
 * The queue of PENDING jobs and the leases runners hold on them.
 *
 * <p>Contract: a job is leased to at most one runner at a time, oldest first, and never while another job of the
 * same branch is leased. Every call about a leased job names the lease; a call with a lease that is no longer the
 * job's current one answers empty (the HTTP layer turns that into 409) and changes nothing. Log appends and
 * completion are idempotent for the same lease. A lease that is not extended by heartbeats expires; the reaper then
 * re-queues the job until it has lost {@code maxJobAttempts} leases, and fails it after that. Thread-safe; state lives
 * in the database only, so several control planes may share one queue.
 */
public interface JobQueue {

    /** Leases the oldest runnable job, waiting up to {@code wait} for one to be queued. */
    Optional<LeasedJob> lease(String runnerId, Duration wait) throws InterruptedException;

    /**
     * Leases the oldest queued MANUAL job (a zip to deploy) to a control plane's own worker, under the same rules
     * (one leased job per branch, heartbeats, the reaper); {@link #lease} never hands those to runners.
     */
    Optional<Lease> leaseManual(String owner);

    /** A job leased by a control plane itself. */
    record Lease(Job job, String leaseId, long leaseMillis) {
    }

    Optional<HeartbeatResponse> heartbeat(long jobId, String leaseId);

    Optional<LogAck> appendLogs(long jobId, String leaseId, LogBatch batch);

    boolean reportStep(long jobId, String leaseId, StepReport report);

    Optional<CompletionAck> complete(long jobId, String leaseId, JobCompletion completion);

    /** Re-queues or fails jobs whose lease expired; returns how many it touched. */
    int reapExpiredLeases();

    /** Wakes runners waiting in {@link #lease} on every control plane; call in the transaction that queued a job. */
    void notifyQueued();
}
