package dev.slipway.controlplane.job;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.support.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Starting, stopping and reading jobs; used by the API, provider webhooks and the console alike. */
@Service
public class JobService {

    public static final String MANUAL = "MANUAL";
    private static final Set<String> JOB_TYPES = Set.of("RELEASE", "RETRY", MANUAL, "WEB_HOOK");

    private final JobRepository jobs;
    private final BranchService branches;
    private final JobQueue queue;
    private final TransactionTemplate tx;
    private final JobEvents events;
    private final AppService apps;
    private final JobLogWriter logs;

    JobService(JobRepository jobs, BranchService branches, JobQueue queue, TransactionTemplate tx, JobEvents events,
            AppService apps, JobLogWriter logs) {
        this.apps = apps;
        this.logs = logs;
        this.jobs = jobs;
        this.branches = branches;
        this.queue = queue;
        this.tx = tx;
        this.events = events;
    }

    /**
     * @param jobType       RELEASE (branch head or {@code commitId}), RETRY (rebuild {@code jobId}'s commit), WEB_HOOK
     * @param jobId         the job a RETRY repeats
     * @param commitId      the commit to build; null builds the branch head
     * @param clearCache    Amplify's "Clear cache and build": the job restores no build cache (null = false)
     */
    public record Start(String jobType, String jobId, String commitId, String commitMessage, Instant commitTime,
                        Boolean clearCache) {

        public Start(String jobType, String jobId, String commitId, String commitMessage, Instant commitTime) {
            this(jobType, jobId, commitId, commitMessage, commitTime, null);
        }
    }

    /** Queues a job. Joins the caller's transaction when there is one (webhook intake records its delivery with it). */
    public Job start(String appId, String branchName, Start request) {
        return start(appId, branchName, request, null);
    }

    /** The job number a {@link #start} in a transaction begun after this call should use; see BranchService. */
    public long reserveJobNumber(String appId, String branchName) {
        return branches.reserveJobNumberAhead(appId, branchName);
    }

    /** @param reservedNumber from {@link #reserveJobNumber}, or null to take the next number now */
    public Job start(String appId, String branchName, Start request, Long reservedNumber) {
        String type = request.jobType() == null ? "RELEASE" : request.jobType();
        if (!JOB_TYPES.contains(type)) {
            throw Refusal.invalid("'jobType' must be one of " + JOB_TYPES + ".");
        }
        if (type.equals(MANUAL)) {
            throw Refusal.invalid("A MANUAL job is started with POST /api/v1/apps/" + appId + "/branches/{branch}"
                    + "/deployments/start (a zip), not as a build.");
        }
        if (apps.get(appId).repository() == null) {
            throw Refusal.conflict("App '" + appId + "' has no repository: it is deployed from zips only (POST "
                    + ".../deployments), so nothing can be built or pushed to it.");
        }
        branches.get(appId, branchName);
        String commitId = request.commitId();
        String message = request.commitMessage();
        if (type.equals("RETRY")) {
            Job retried = get(appId, branchName, request.jobId());
            commitId = retried.commitId();
            message = retried.commitMessage();
        }
        if (commitId != null && !commitId.matches("[0-9a-fA-F]{7,64}")) {
            throw Refusal.invalid("'commitId' must be a commit SHA (got '" + commitId + "').");
        }
        String finalCommit = commitId;
        String finalMessage = message;
        Long ahead = reservedNumber != null || TransactionSynchronizationManager.isActualTransactionActive()
                ? reservedNumber : Long.valueOf(branches.reserveJobNumberAhead(appId, branchName));
        long id = tx.execute(status -> {
            long number = ahead != null ? ahead : branches.reserveJobNumber(appId, branchName);
            long jobId = jobs.insert(appId, branchName, number, type, finalCommit, finalMessage, request.commitTime(),
                    Boolean.TRUE.equals(request.clearCache()));
            events.changed(jobId);
            queue.notifyQueued();
            return jobId;
        });
        return jobs.findById(id).orElseThrow();
    }

    /**
     * Records a manual deployment's job (type MANUAL): CREATED while its zip is awaited, or PENDING when it can start
     * at once. Joins the caller's transaction, which records where the zip comes from with it.
     */
    public Job createManual(String appId, String branchName, boolean queued) {
        branches.get(appId, branchName);
        long number = branches.reserveJobNumber(appId, branchName);
        long id = jobs.insert(appId, branchName, number, MANUAL, queued ? JobStatus.PENDING : JobStatus.CREATED,
                null, null, null, false);
        events.changed(id);
        if (queued) {
            queue.notifyQueued();
        }
        return jobs.findById(id).orElseThrow();
    }

    /** A CREATED manual job whose zip arrived is queued (in the caller's transaction); false when it had moved on. */
    public boolean queueManual(Job job) {
        boolean moved = jobs.move(job.id(), JobStatus.CREATED, JobStatus.PENDING, null);
        if (moved) {
            events.changed(job.id());
            queue.notifyQueued();
        }
        return moved;
    }

    /** A CREATED manual job that can never start (its upload URL expired) fails with the reason in its log. */
    public void failCreated(Job job, String reason) {
        tx.executeWithoutResult(status -> {
            if (jobs.move(job.id(), JobStatus.CREATED, JobStatus.FAILED, reason)) {
                logs.appendPlatformLine(job.id(), "[slipway] " + reason);
                events.changed(job.id());
            }
        });
    }

    /** A job by its internal id (the runner API's and the upload URL's). */
    public java.util.Optional<Job> findById(long id) {
        return jobs.findById(id);
    }

    public Job get(String appId, String branchName, String jobId) {
        return jobs.find(appId, branchName, requireJobId(jobId)).orElseThrow(() -> Refusal.notFound(
                "Branch '" + branchName + "' of app '" + appId + "' has no job " + jobId + "."));
    }

    public List<Job> list(String appId, String branchName, int limit) {
        branches.get(appId, branchName);
        return jobs.list(appId, branchName, Math.clamp(limit, 1, 1000));
    }

    public List<JobStep> steps(Job job) {
        return jobs.steps(job.id());
    }

    /** The build spec the runner generated because the repository had none (framework detection), or null. */
    public String detectedBuildSpec(Job job) {
        return jobs.detectedBuildSpec(job.id()).orElse(null);
    }

    public void streamLog(Job job, Consumer<String> sink) {
        jobs.streamLog(job.id(), sink);
    }

    /** A queued job ends at once as CANCELLED; a running one turns CANCELLING until its runner stops it. */
    public Job stop(String appId, String branchName, String jobId) {
        Job job = get(appId, branchName, jobId);
        if (job.status().isFinished()) {
            throw Refusal.conflict("Job " + jobId + " already ended with status " + job.status() + ".");
        }
        tx.executeWithoutResult(status -> {
            if (jobs.requestStop(job.id()).filter(JobStatus::isFinished).isPresent()) {
                events.changed(job.id());
            }
        });
        return jobs.findById(job.id()).orElseThrow();
    }

    private static long requireJobId(String jobId) {
        if (jobId == null || !jobId.matches("[0-9]{1,18}")) {
            throw Refusal.invalid("'jobId' must be a job number such as \"1\" (got '" + jobId + "').");
        }
        return Long.parseLong(jobId);
    }
}
