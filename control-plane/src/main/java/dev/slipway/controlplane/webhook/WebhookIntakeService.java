package dev.slipway.controlplane.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a verified provider event into a job or an explained refusal. The delivery record and the job commit in one
 * transaction, so a redelivered event (same delivery id) never queues a second job, and an accepted one is never lost.
 */
@Service
public class WebhookIntakeService {

    private final BranchService branches;
    private final JobService jobs;
    private final DeliveryRepository deliveries;
    private final TransactionTemplate tx;

    WebhookIntakeService(BranchService branches, JobService jobs, DeliveryRepository deliveries, TransactionTemplate tx) {
        this.branches = branches;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.tx = tx;
    }

    /** The answer to the git host: 202 with the job when queued, 200 with the reason when not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String result, String reason, String jobId, String branchName) {
        public HttpStatus status() {
            return "QUEUED".equals(result) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        }
    }

    public Outcome accept(String appId, ProviderEvent event) {
        String branchName = event.branchName();
        Optional<String> ignoredBecause = reasonToIgnore(appId, event);
        return tx.execute(status -> {
            String result = ignoredBecause.isPresent() ? "IGNORED" : "QUEUED";
            if (!deliveries.insertIfNew(appId, event, result, ignoredBecause.orElse(null), branchName)) {
                return new Outcome("DUPLICATE", "Delivery " + event.deliveryId() + " was already processed; "
                        + "nothing new was queued.", null, branchName);
            }
            if (ignoredBecause.isPresent()) {
                return new Outcome("IGNORED", ignoredBecause.get(), null, branchName);
            }
            Job job = jobs.start(appId, branchName, new JobService.Start("WEB_HOOK", null, event.commitId(),
                    event.commitMessage(), event.commitTime()));
            deliveries.attachJob(appId, event, job.id());
            return new Outcome("QUEUED", null, job.jobId(), branchName);
        });
    }

    private Optional<String> reasonToIgnore(String appId, ProviderEvent event) {
        return switch (event.kind()) {
            case PING -> Optional.of("Ping received; the webhook is set up correctly.");
            case TAG_PUSH -> Optional.of("Tag pushes (" + event.ref() + ") do not deploy; push to a branch.");
            case BRANCH_DELETE -> Optional.of("Branch '" + event.branchName() + "' was deleted in git; "
                    + "its Slipway branch and site are kept.");
            case UNSUPPORTED -> Optional.of("Event '" + event.event() + "' is not handled.");
            case BRANCH_PUSH -> reasonToIgnorePush(appId, event);
        };
    }

    private Optional<String> reasonToIgnorePush(String appId, ProviderEvent event) {
        if (event.commitId() == null || !event.commitId().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return Optional.of("The push names no head commit.");
        }
        Optional<Branch> branch = branches.find(appId, event.branchName());
        if (branch.isEmpty()) {
            return Optional.of("Branch '" + event.branchName() + "' is not connected to app " + appId + ".");
        }
        if (!branch.get().enableAutoBuild()) {
            return Optional.of("Auto build is off for branch '" + event.branchName() + "'.");
        }
        return Optional.empty();
    }
}
