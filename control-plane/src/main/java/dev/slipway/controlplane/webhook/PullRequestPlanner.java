package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Decides what pull-request events, branch deletions and pushes to unconnected branches do to an app's branches. */
@Component
class PullRequestPlanner {

    private final BranchService branches;
    private final ControlPlaneProperties properties;

    PullRequestPlanner(BranchService branches, ControlPlaneProperties properties) {
        this.branches = branches;
        this.properties = properties;
    }

    IntakePlan plan(String appId, ProviderEvent event) {
        ProviderEvent.PullRequest pr = event.pullRequest();
        String preview = "pr-" + pr.number();
        return switch (event.kind()) {
            case PULL_REQUEST_EDITED -> new IntakePlan.Ignore("Pull request #" + pr.number()
                    + " was edited without new commits; nothing to rebuild.", preview);
            case PULL_REQUEST_CLOSED, PULL_REQUEST_MERGED -> planTeardown(appId, event, preview);
            default -> planBuild(appId, event, preview);
        };
    }

    private IntakePlan planBuild(String appId, ProviderEvent event, String preview) {
        ProviderEvent.PullRequest pr = event.pullRequest();
        Optional<Branch> base = branches.find(appId, pr.destinationBranch());
        if (base.isEmpty()) {
            return new IntakePlan.Ignore("Pull request #" + pr.number() + " targets branch '" + pr.destinationBranch()
                    + "', which is not connected to this app.", preview);
        }
        if (!base.get().enablePullRequestPreview()) {
            return new IntakePlan.Ignore("Pull request previews are off for branch '" + pr.destinationBranch()
                    + "'; turn on its enablePullRequestPreview to build " + preview + ".", preview);
        }
        if (event.commitId() == null || !event.commitId().matches("[0-9a-fA-F]{7,64}")) {
            return new IntakePlan.Ignore("Pull request #" + pr.number() + " names no head commit.", preview);
        }
        Optional<Branch> existing = branches.find(appId, preview);
        if (existing.isPresent() && existing.get().pullRequest() == null) {
            return new IntakePlan.Ignore("Branch '" + preview + "' is connected by hand, so pull request #"
                    + pr.number() + " gets no preview; rename or delete that branch.", preview);
        }
        int limit = properties.maxPreviewsPerApp();
        if (existing.isEmpty() && branches.countPreviews(appId) >= limit) {
            return new IntakePlan.Ignore("App " + appId + " already has " + limit + " pull-request previews, the "
                    + "limit; close a pull request or raise SLIPWAY_MAX_PREVIEWS_PER_APP.", preview);
        }
        return new IntakePlan.Build(preview, event.commitId(), event.commitMessage(), event.commitTime(),
                new IntakePlan.PreviewRequest(pr.destinationBranch(), pr));
    }

    private IntakePlan planTeardown(String appId, ProviderEvent event, String preview) {
        String what = event.kind() == ProviderEvent.Kind.PULL_REQUEST_MERGED ? "merged" : "closed";
        Optional<Branch> existing = branches.find(appId, preview);
        if (existing.isPresent() && existing.get().pullRequest() != null) {
            return new IntakePlan.Remove(preview, "Pull request #" + event.pullRequest().number() + " was " + what
                    + "; preview branch '" + preview + "' and its site were removed.");
        }
        return new IntakePlan.Ignore("Pull request #" + event.pullRequest().number() + " was " + what
                + "; there is no preview branch '" + preview + "' to remove.", preview);
    }

    IntakePlan planBranchDeletion(String appId, String branchName) {
        return new IntakePlan.Ignore("Branch '" + branchName + "' was deleted in git; its Slipway branch and site "
                + "are kept.", branchName);
    }

    IntakePlan planUnknownBranchPush(String appId, ProviderEvent event) {
        return new IntakePlan.Ignore("Branch '" + event.branchName() + "' is not connected to app " + appId + ".",
                event.branchName());
    }

    /** Creates or refreshes the preview branch a planned build needs; inside the delivery's transaction. */
    void preparePreview(String appId, IntakePlan.Build build) {
        ProviderEvent.PullRequest pr = build.preview().pullRequest();
        branches.createOrRefreshPreview(appId, build.preview().baseBranch(), build.branchName(),
                new Branch.PullRequestOrigin(pr.number(), pr.sourceBranch(), pr.destinationBranch(), pr.fromFork()));
    }
}
