package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Decides what pull-request events, branch deletions and pushes to unconnected branches do to an app's branches. */
@Component
class PullRequestPlanner {

    private final BranchService branches;

    PullRequestPlanner(BranchService branches) {
        this.branches = branches;
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
        return new IntakePlan.Ignore("Pull request previews are off for branch '" + pr.destinationBranch()
                + "'; turn on its enablePullRequestPreview to build " + preview + ".", preview);
    }

    private IntakePlan planTeardown(String appId, ProviderEvent event, String preview) {
        String what = event.kind() == ProviderEvent.Kind.PULL_REQUEST_MERGED ? "merged" : "closed";
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

    void preparePreview(String appId, IntakePlan.Build build) {
        throw new UnsupportedOperationException("previews are not built yet");
    }
}
