package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.app.AutoBranching;
import java.time.Instant;

/** What intake will do with a delivery, decided before the transaction that records it and does it. */
sealed interface IntakePlan {

    String branchName();

    /** Nothing to do; {@code reason} goes to the git host and the delivery log. */
    record Ignore(String reason, String branchName) implements IntakePlan {
    }

    /**
     * Queue a job on {@code branchName}. First, when {@code preview} is set, create (or refresh) that preview branch;
     * when {@code autoCreate} is set, connect the branch with that configuration (branch auto-detection).
     */
    record Build(String branchName, String commitId, String commitMessage, Instant commitTime,
            PreviewRequest preview, AutoBranching.AutoBranchCreationConfig autoCreate) implements IntakePlan {

        Build(String branchName, String commitId, String commitMessage, Instant commitTime) {
            this(branchName, commitId, commitMessage, commitTime, null, null);
        }
    }

    /** Remove a branch and its site (a closed pull request's preview, or a branch deleted in git). */
    record Remove(String branchName, String reason) implements IntakePlan {
    }

    /** A pull request's preview branch, as it should exist before its build is queued. */
    record PreviewRequest(String baseBranch, ProviderEvent.PullRequest pullRequest) {
    }
}
