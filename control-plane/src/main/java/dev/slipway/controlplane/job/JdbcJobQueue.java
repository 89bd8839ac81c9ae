package dev.slipway.controlplane.job;

import dev.slipway.controlplane.cache.BuildCacheService;
import dev.slipway.controlplane.deployment.DeploymentService;
import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import dev.slipway.protocol.runner.CompletionAck;
import dev.slipway.protocol.runner.HeartbeatResponse;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.StepReport;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link JobQueue} on PostgreSQL: {@code FOR UPDATE SKIP LOCKED} leasing, state in the jobs table. */
@Component
class JdbcJobQueue implements JobQueue {

    private static final Logger log = LoggerFactory.getLogger(JdbcJobQueue.class);
    private static final String LEASED = JobStatus.sqlList(JobStatus.LEASED);
    private static final String LEASABLE = JobStatus.sqlList(JobStatus.before(JobStatus.PROVISIONING));
    private static final String STARTABLE = JobStatus.sqlList(JobStatus.before(JobStatus.RUNNING));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final LeasedJobFactory leasedJobs;
    private final JobLogWriter logs;
    private final DeploymentService deployments;
    private final ControlPlaneProperties properties;
    private final BuildCacheService caches;
    private final JobEvents events;
    private final TestArtifactRepository testArtifacts;
    private final PgNotifications notifications;
    private final ChangeSignal queued;
    private final MeterRegistry meters;

    JdbcJobQueue(JdbcClient jdbc, TransactionTemplate tx, LeasedJobFactory leasedJobs, JobLogWriter logs,
            DeploymentService deployments, ControlPlaneProperties properties, BuildCacheService caches,
            JobEvents events, TestArtifactRepository testArtifacts, PgNotifications notifications,
            MeterRegistry meters) {
        this.meters = meters;
        this.notifications = notifications;
        this.queued = notifications.signal(Channel.JOB_QUEUE);
        this.events = events;
        this.testArtifacts = testArtifacts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.leasedJobs = leasedJobs;
        this.logs = logs;
        this.deployments = deployments;
        this.properties = properties;
        this.caches = caches;
    }

    @Override
    public Optional<LeasedJob> lease(String runnerId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long generation = queued.generation();
            Optional<LeasedJob> leased = tryLease(runnerId);
            long remaining = deadline - System.nanoTime();
            if (leased.isPresent() || remaining <= 0) {
                return leased;
            }
            queued.awaitAfter(generation, Duration.ofNanos(Math.min(remaining, notifications.recheck().toNanos())));
        }
    }

    /**
     * Claims the oldest runnable job and prepares what the runner gets, in one transaction. A job that cannot be
     * prepared (a secret that no longer decrypts, say) would roll back to the head of the queue and fail every
     * runner's lease call; it fails instead, with the reason on the job and in its log, and the next job is tried.
     */
    private Optional<LeasedJob> tryLease(String runnerId) {
        while (true) {
            String leaseId = UUID.randomUUID().toString();
            long leaseMillis = properties.runnerLease().toMillis();
            AtomicReference<Job> claimed = new AtomicReference<>();
            try {
                return tx.execute(status -> claim(runnerId, leaseId, leaseMillis, false).map(job -> {
                    claimed.set(job);
                    return leasedJobs.create(job, leaseId, leaseMillis);
                }));
            } catch (DataAccessException e) {
                throw e; // the database's trouble, not the job's: it stays queued
            } catch (RuntimeException e) {
                if (claimed.get() == null) {
                    throw e;
                }
                failUnprepared(claimed.get(), e);
            }
        }
    }

    @Override
    public Optional<Lease> leaseManual(String owner) {
        String leaseId = UUID.randomUUID().toString();
        long leaseMillis = properties.runnerLease().toMillis();
        return tx.execute(status -> claim(owner, leaseId, leaseMillis, true)
                .map(job -> new Lease(job, leaseId, leaseMillis)));
    }

    /** @param manual MANUAL jobs (deployed by the control plane) or all others (built by runners) */
    private Optional<Job> claim(String runnerId, String leaseId, long leaseMillis, boolean manual) {
        return jdbc.sql("""
                WITH next AS (
                  SELECT j.id FROM jobs j
                  WHERE j.status IN (%s) AND (j.job_type = 'MANUAL') = %s
                    AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.app_id = j.app_id AND r.branch_name = j.branch_name
                                    AND r.status IN (%s))
                  ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE jobs j SET status = %s, lease_id = ?, lease_owner = ?,
                       lease_expires_at = now() + make_interval(secs => ?), leased_at = now(),
                       attempts = attempts + 1, start_time = COALESCE(start_time, now()), log_base = log_lines,
                       log_acked = 0
                FROM next WHERE j.id = next.id RETURNING j.*""".formatted(LEASABLE, manual, LEASED,
                        JobStatus.PROVISIONING.sql()))
                .params(leaseId, runnerId, leaseMillis / 1000.0)
                .query(JobRepository::map).optional();
    }

    /**
     * The claim was rolled back with the failed preparation, so the job is PENDING again unless another took it
     * (JobStatusTests checks that PENDING may become FAILED).
     */
    private void failUnprepared(Job job, RuntimeException cause) {
        String reason = "The job could not be prepared for a build runner: " + cause.getMessage();
        log.warn("Job {} failed: {}", job.id(), reason, cause);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("""
                    UPDATE jobs SET status = %s, status_reason = ?, start_time = COALESCE(start_time, now()),
                                    end_time = now(), lease_expires_at = NULL
                    WHERE id = ? AND status = %s""".formatted(JobStatus.FAILED.sql(), JobStatus.PENDING.sql()))
                    .params(reason, job.id()).update() > 0) {
                logs.appendPlatformLine(job.id(), "[slipway] " + reason);
                events.changed(job.id());
            }
        });
    }

    @Override
    public Optional<HeartbeatResponse> heartbeat(long jobId, String leaseId) {
        long leaseMillis = properties.runnerLease().toMillis();
        return jdbc.sql("""
                UPDATE jobs SET lease_expires_at = now() + make_interval(secs => ?)
                WHERE id = ? AND lease_id = ? AND status IN (%s) RETURNING cancel_requested""".formatted(LEASED))
                .params(leaseMillis / 1000.0, jobId, leaseId)
                .query((rs, n) -> new HeartbeatResponse(rs.getBoolean(1), leaseMillis)).optional();
    }

    @Override
    public Optional<LogAck> appendLogs(long jobId, String leaseId, LogBatch batch) {
        return tx.execute(status -> lockLeased(jobId, leaseId).map(job -> logs.append(jobId, batch)));
    }

    @Override
    public boolean reportStep(long jobId, String leaseId, StepReport report) {
        Optional<Boolean> reported = tx.execute(status -> lockLeased(jobId, leaseId).map(job -> {
            JobStatus stepStatus = JobStatus.valueOf(report.status());
            jdbc.sql("""
                    INSERT INTO job_steps (job_id, step_name, ordinal, status, status_reason, start_time, end_time)
                    VALUES (?, ?, (SELECT count(*) FROM job_steps WHERE job_id = ?), ?, ?, now(),
                            CASE WHEN ? THEN now() END)
                    ON CONFLICT (job_id, step_name) DO UPDATE SET status = excluded.status,
                      status_reason = excluded.status_reason, end_time = excluded.end_time""")
                    .params(jobId, report.stepName(), jobId, stepStatus.name(), report.reason(), stepStatus.isFinished())
                    .update();
            jdbc.sql("""
                    UPDATE jobs SET commit_id = COALESCE(commit_id, ?), commit_message = COALESCE(commit_message, ?)
                    WHERE id = ?""")
                    .params(report.resolvedCommitId(), report.commitMessage(), jobId).update();
            if (jdbc.sql("UPDATE jobs SET status = %s WHERE id = ? AND status IN (%s)"
                    .formatted(JobStatus.RUNNING.sql(), STARTABLE)).param(jobId).update() > 0) {
                events.changed(jobId);
            }
            return true;
        }));
        return reported != null && reported.orElse(false);
    }

    @Override
    public Optional<CompletionAck> complete(long jobId, String leaseId, JobCompletion completion) {
        JobStatus reported = JobStatus.completion(completion.status());
        return tx.execute(status -> jdbc.sql(
                        "SELECT * FROM jobs WHERE id = ? AND lease_id = ? FOR UPDATE").params(jobId, leaseId)
                .query(JobRepository::map).optional()
                .map(job -> job.status().isFinished()
                        ? new CompletionAck(deployments.deploymentIdOfJob(jobId).orElse(null))
                        : finish(job, reported, completion)));
    }

    private CompletionAck finish(Job job, JobStatus reported, JobCompletion completion) {
        JobStatus outcome = job.status() == JobStatus.CANCELLING ? JobStatus.CANCELLED : reported;
        String reason = outcome == JobStatus.CANCELLED && reported != JobStatus.CANCELLED
                ? "Stopped by a user" : completion.reason();
        String deploymentId = null;
        if (outcome == JobStatus.SUCCEED) {
            DeploymentService.Outcome deployed = deployments.deploy(job.id(), job.appId(), job.branchName(),
                    job.commitId(), completion.deployment());
            deploymentId = deployed.deploymentId();
            if (deploymentId == null) {
                outcome = JobStatus.FAILED;
                reason = deployed.failure();
            } else {
                caches.record(job.appId(), job.branchName(), completion.cacheHash());
            }
        }
        // test artifacts matter whatever the outcome: failed tests are when screenshots are looked at
        testArtifacts.record(job.id(), completion.testArtifacts());
        JobStatus.requireMove(job.status(), outcome);
        jdbc.sql("""
                UPDATE jobs SET status = ?, status_reason = ?, end_time = now(), lease_expires_at = NULL,
                                cancel_requested = FALSE, detected_build_spec = ? WHERE id = ?""")
                .params(outcome.name(), reason, completion.detectedBuildSpec(), job.id()).update();
        endRunningSteps(job.id(), outcome);
        events.changed(job.id());
        notifyQueued(); // the branch's next job may run now
        return new CompletionAck(deploymentId);
    }

    @Override
    public int reapExpiredLeases() {
        Integer reaped = tx.execute(status -> jdbc.sql("""
                        SELECT id, attempts, cancel_requested, status FROM jobs
                        WHERE status IN (%s) AND lease_expires_at < now() FOR UPDATE SKIP LOCKED""".formatted(LEASED))
                .query((rs, n) -> reap(rs.getLong(1), rs.getInt(2), rs.getBoolean(3),
                        JobStatus.valueOf(rs.getString(4))))
                .list().size());
        return reaped == null ? 0 : reaped;
    }

    private long reap(long jobId, int attempts, boolean cancelRequested, JobStatus current) {
        JobStatus outcome;
        String reason;
        if (cancelRequested) {
            outcome = JobStatus.CANCELLED;
            reason = "Stopped by a user; the runner stopped responding before it confirmed";
        } else if (attempts < properties.maxJobAttempts()) {
            outcome = JobStatus.PENDING;
            reason = null;
        } else {
            outcome = JobStatus.FAILED;
            reason = "The build runner stopped responding " + attempts + " times (lease expired); giving up";
        }
        JobStatus.requireMove(current, outcome);
        // per process: whichever control plane reaped it counts it (docs/administration/monitoring.md)
        meters.counter("slipway.lease.reaps", "outcome", outcome.name()).increment();
        logs.appendPlatformLine(jobId, outcome == JobStatus.PENDING
                ? "[slipway] The build runner stopped responding (lease expired); the job was queued again."
                : "[slipway] " + reason + ".");
        jdbc.sql("""
                UPDATE jobs SET status = ?, status_reason = ?, lease_id = NULL, lease_expires_at = NULL,
                  end_time = CASE WHEN ? THEN NULL ELSE now() END WHERE id = ?""")
                .params(outcome.name(), reason, outcome == JobStatus.PENDING, jobId).update();
        if (outcome == JobStatus.PENDING) {
            jdbc.sql("DELETE FROM job_steps WHERE job_id = ?").param(jobId).update();
            notifyQueued();
        } else {
            endRunningSteps(jobId, outcome);
            events.changed(jobId);
        }
        return jobId;
    }

    /** The job's step still running (BUILD, TEST or DEPLOY) ends as the job did. */
    private void endRunningSteps(long jobId, JobStatus outcome) {
        jdbc.sql("UPDATE job_steps SET status = ?, end_time = now() WHERE job_id = ? AND status = %s"
                .formatted(JobStatus.RUNNING.sql())).params(outcome.name(), jobId).update();
    }

    @Override
    public void notifyQueued() {
        notifications.publish(Channel.JOB_QUEUE);
    }

    private Optional<Long> lockLeased(long jobId, String leaseId) {
        return jdbc.sql("SELECT id FROM jobs WHERE id = ? AND lease_id = ? AND status IN (%s) FOR UPDATE"
                        .formatted(LEASED))
                .params(jobId, leaseId).query(Long.class).optional();
    }
}
