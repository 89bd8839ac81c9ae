package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStatus;

/** The Markdown of the pull request comment; the same text works on all four hosts. */
final class PreviewComment {

    private PreviewComment() {
    }

    static String text(Job job, Branch.PullRequestOrigin pullRequest, String siteUrl, String jobUrl) {
        String state = switch (job.status()) {
            case SUCCEED -> "✅ Deployed";
            case FAILED -> "❌ Build failed" + (job.statusReason() == null ? "" : ": " + job.statusReason());
            case CANCELLED -> "⏹ Build stopped";
            case RUNNING, PROVISIONING, CANCELLING -> "🔨 Building";
            default -> "⏳ Queued";
        };
        String commit = job.commitId() == null ? "" : " of commit `" + job.commitId().substring(0, 7) + "`";
        return "**Slipway preview** for pull request #" + pullRequest.number() + " (`" + pullRequest.sourceBranch()
                + "` → `" + pullRequest.destinationBranch() + "`)\n\n"
                + "| | |\n|---|---|\n"
                + "| Status | " + state + " |\n"
                + "| Preview | " + (job.status() == JobStatus.SUCCEED ? siteUrl : siteUrl + " (after this build)")
                + " |\n"
                + "| Build | [job " + job.jobId() + "](" + jobUrl + ")" + commit + " |\n";
    }
}
