package dev.slipway.controlplane.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a verified provider event into a job, a removed preview, or an explained refusal. The delivery record and
 * what it causes commit in one transaction, so a redelivered event (same delivery id) never queues a second job, and
 * an accepted one is never lost. The same signed body under a new delivery id within a day, after it queued a build
 * or removed a branch, is a replay ({@link DeliveryBodies}) and answers DUPLICATE as well.
 */
@Service
public class WebhookIntakeService {

    private static final String[] SKIP_MARKERS = {"[skip-cd]", "[skip ci]", "[ci skip]"};

    private final BranchService branches;
    private final JobService jobs;
    private final DeliveryRepository deliveries;
    private final DeliveryBodies bodies;
    private final BranchPlanner planner;
    private final TransactionTemplate tx;

    WebhookIntakeService(BranchService branches, JobService jobs, DeliveryRepository deliveries,
            DeliveryBodies bodies, BranchPlanner planner, TransactionTemplate tx) {
        this.bodies = bodies;
        this.branches = branches;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.planner = planner;
        this.tx = tx;
    }

    /** The answer to the git host: 202 with the job when queued, 200 with the reason otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String result, String reason, String jobId, String branchName) {
        public HttpStatus status() {
            return "QUEUED".equals(result) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        }
    }

    /** @param bodySha256 hex SHA-256 of the signed body: the same body under another delivery id is a replay */
    public Outcome accept(String appId, ProviderEvent event, String bodySha256) {
        IntakePlan plan = plan(appId, event);
        Long jobNumber = reserveAhead(appId, event, plan, bodySha256);
        return tx.execute(status -> {
            // only a body that was acted on is claimed: an ignored push may come again (new id) once the settings
            // that ignored it changed, and a replay can then queue at most once more
            Optional<String> replayOf = plan instanceof IntakePlan.Ignore ? Optional.empty()
                    : bodies.claim(appId, event, bodySha256);
            if (replayOf.isPresent()) {
                return duplicate(appId, event, plan, "Delivery " + event.deliveryId() + " has the same body as "
                        + "delivery " + replayOf.get() + " (a replay); nothing new was queued.");
            }
            String result = switch (plan) {
                case IntakePlan.Ignore ignore -> "IGNORED";
                case IntakePlan.Build build -> "QUEUED";
                case IntakePlan.Remove remove -> "REMOVED";
            };
            String reason = switch (plan) {
                case IntakePlan.Ignore ignore -> ignore.reason();
                case IntakePlan.Remove remove -> remove.reason();
                case IntakePlan.Build build -> null;
            };
            if (!deliveries.insertIfNew(appId, event, result, reason, plan.branchName())) {
                return duplicate(appId, event, plan, "Delivery " + event.deliveryId()
                        + " was already processed; nothing new was queued.");
            }
            if (plan instanceof IntakePlan.Build build) {
                planner.prepareBranch(appId, build);
                Job job = jobs.start(appId, build.branchName(), new JobService.Start("WEB_HOOK", null,
                        build.commitId(), build.commitMessage(), build.commitTime()), jobNumber);
                deliveries.attachJob(appId, event, job.id());
                return new Outcome(result, null, job.jobId(), build.branchName());
            }
            if (plan instanceof IntakePlan.Remove remove) {
                branches.delete(appId, remove.branchName());
            }
            return new Outcome(result, reason, null, plan.branchName());
        });
    }

    private Outcome duplicate(String appId, ProviderEvent event, IntakePlan plan, String reason) {
        deliveries.insertUnprocessed(appId, event.provider(), event.deliveryId(), event.event(), "DUPLICATE", reason);
        return new Outcome("DUPLICATE", reason, null, plan.branchName());
    }

    /**
     * A push to a connected branch takes its job number before the delivery's transaction, so concurrent pushes to one
     * branch do not queue on the branch row (see {@link JobService#reserveJobNumber}). Redeliveries take none.
     */
    private Long reserveAhead(String appId, ProviderEvent event, IntakePlan plan, String bodySha256) {
        if (plan instanceof IntakePlan.Build build && build.preview() == null && build.autoCreate() == null
                && !deliveries.isProcessed(appId, event) && !bodies.isReplay(appId, event, bodySha256)) {
            return jobs.reserveJobNumber(appId, build.branchName());
        }
        return null;
    }

    private IntakePlan plan(String appId, ProviderEvent event) {
        String branch = event.branchName();
        return switch (event.kind()) {
            case PING -> new IntakePlan.Ignore("Ping received; the webhook is set up correctly.", null);
            case TAG_PUSH -> new IntakePlan.Ignore("Tag pushes (" + event.ref() + ") do not deploy; push to a branch.",
                    null);
            case BRANCH_DELETE -> planner.planBranchDeletion(appId, branch);
            case UNSUPPORTED -> new IntakePlan.Ignore("Event '" + event.event() + "' is not acted on; Slipway builds "
                    + "on branch pushes and pull requests.", branch);
            case BRANCH_PUSH -> planPush(appId, event);
            default -> planner.plan(appId, event);
        };
    }

    private IntakePlan planPush(String appId, ProviderEvent event) {
        String name = event.branchName();
        if (event.commitId() == null || !event.commitId().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return new IntakePlan.Ignore("The push names no head commit.", name);
        }
        Optional<String> marker = skipMarker(event.commitMessage());
        if (marker.isPresent()) {
            return new IntakePlan.Ignore("Commit " + event.commitId().substring(0, 7) + " says " + marker.get()
                    + "; no build was started.", name);
        }
        Optional<Branch> branch = branches.find(appId, name);
        if (branch.isEmpty()) {
            return planner.planUnknownBranchPush(appId, event);
        }
        if (!branch.get().enableAutoBuild()) {
            return new IntakePlan.Ignore("Auto build is off for branch '" + name + "'.", name);
        }
        return new IntakePlan.Build(name, event.commitId(), event.commitMessage(), event.commitTime());
    }

    static Optional<String> skipMarker(String commitMessage) {
        if (commitMessage == null) {
            return Optional.empty();
        }
        String lower = commitMessage.toLowerCase(Locale.ROOT);
        for (String marker : SKIP_MARKERS) {
            if (lower.contains(marker)) {
                return Optional.of(marker);
            }
        }
        return Optional.empty();
    }
}
