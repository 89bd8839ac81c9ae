package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStatus;
import dev.slipway.controlplane.job.JobStateChanged;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.JsonColumns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns job state changes of connected apps into outbox calls: the commit status, and on a pull request's preview the
 * pull request comment. Runs inside the transaction of the change (persisted before the change is acknowledged);
 * sending happens later, in {@link OutboxSender}.
 */
@Component
class JobStatusRecorder {

    private static final String SHA = "[0-9a-fA-F]{7,64}";
    private static final int MAX_DESCRIPTION = 140;

    private final GitHostConnectionService connections;
    private final BranchService branches;
    private final OutboxRepository outbox;
    private final OutboxSender sender;
    private final ControlPlaneProperties properties;
    private final JsonColumns json;

    JobStatusRecorder(GitHostConnectionService connections, BranchService branches, OutboxRepository outbox,
            OutboxSender sender, ControlPlaneProperties properties, JsonColumns json) {
        this.connections = connections;
        this.branches = branches;
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
        this.json = json;
    }

    @EventListener
    void on(JobStateChanged event) {
        Job job = event.job();
        if (!connections.isConnected(job.appId())) {
            return;
        }
        Optional<Branch> branch = branches.find(job.appId(), job.branchName());
        if (branch.isEmpty()) {
            return;
        }
        String siteUrl = properties.branchUrl(job.appId(), job.branchName());
        String jobUrl = properties.publicUrl() + "/apps/" + job.appId() + "/branches/"
                + URLEncoder.encode(job.branchName(), StandardCharsets.UTF_8) + "/jobs/" + job.jobId();
        boolean recorded = false;
        if (job.commitId() != null && job.commitId().matches(SHA)) {
            StatusUpdate status = new StatusUpdate(job.commitId(), job.status(), "slipway/" + job.appId() + "/"
                    + branch.get().displayName(), job.status() == JobStatus.SUCCEED ? siteUrl : jobUrl,
                    describe(job, siteUrl));
            outbox.enqueue(job.appId(), "status:" + job.appId() + ":" + job.branchName() + ":" + job.commitId(),
                    OutboxEntry.STATUS, json.writeValue(status));
            recorded = true;
        }
        Branch.PullRequestOrigin pullRequest = branch.get().pullRequest();
        if (pullRequest != null) {
            CommentUpdate comment = new CommentUpdate(pullRequest.number(),
                    PreviewComment.text(job, pullRequest, siteUrl, jobUrl));
            outbox.enqueue(job.appId(), "comment:" + job.appId() + ":" + pullRequest.number(), OutboxEntry.COMMENT,
                    json.writeValue(comment));
            recorded = true;
        }
        if (recorded) {
            sender.wake();
        }
    }

    private static String describe(Job job, String siteUrl) {
        String text = switch (job.status()) {
            case SUCCEED -> "Deployed to " + siteUrl;
            case FAILED -> "Build failed" + (job.statusReason() == null ? "" : ": " + job.statusReason());
            case CANCELLED -> "Build stopped";
            case RUNNING, CANCELLING, PROVISIONING -> "Building (job " + job.jobId() + ")";
            default -> "Queued (job " + job.jobId() + ")";
        };
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
