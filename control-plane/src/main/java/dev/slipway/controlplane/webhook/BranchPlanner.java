package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.AutoBranching;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides what changes an app's branches: pull-request events (previews), branch deletions in git (auto-deletion) and
 * pushes to unconnected branches (auto-detection).
 */
@Component
class BranchPlanner {

    private final AppService apps;
    private final BranchService branches;
    private final ControlPlaneProperties properties;

    BranchPlanner(AppService apps, BranchService branches, ControlPlaneProperties properties) {
        this.apps = apps;
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
                new IntakePlan.PreviewRequest(pr.destinationBranch(), pr), null);
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
        if (branches.find(appId, branchName).isEmpty()) {
            return new IntakePlan.Ignore("Branch '" + branchName + "' was deleted in git; it was not connected.",
                    branchName);
        }
        if (apps.get(appId).autoBranching().enableBranchAutoDeletion()) {
            return new IntakePlan.Remove(branchName, "Branch '" + branchName + "' was deleted in git; "
                    + "enableBranchAutoDeletion removed its Slipway branch and site.");
        }
        return new IntakePlan.Ignore("Branch '" + branchName + "' was deleted in git; its Slipway branch and site "
                + "are kept (turn on enableBranchAutoDeletion to remove them).", branchName);
    }

    IntakePlan planUnknownBranchPush(String appId, ProviderEvent event) {
        String name = event.branchName();
        AutoBranching auto = apps.get(appId).autoBranching();
        if (auto.createsBranch(name)) {
            AutoBranching.AutoBranchCreationConfig config = auto.autoBranchCreationConfig() != null
                    ? auto.autoBranchCreationConfig()
                    : new AutoBranching.AutoBranchCreationConfig(null, null, null, null, null);
            return new IntakePlan.Build(name, event.commitId(), event.commitMessage(), event.commitTime(), null,
                    config);
        }
        String patterns = auto.enableAutoBranchCreation()
                ? " and matches none of autoBranchCreationPatterns " + auto.autoBranchCreationPatterns() : "";
        return new IntakePlan.Ignore("Branch '" + name + "' is not connected to app " + appId + patterns + ".", name);
    }

    /** Creates the branch a planned build needs (a preview, or an auto-detected branch); in the delivery's transaction. */
    void prepareBranch(String appId, IntakePlan.Build build) {
        if (build.preview() != null) {
            ProviderEvent.PullRequest pr = build.preview().pullRequest();
            branches.createOrRefreshPreview(appId, build.preview().baseBranch(), build.branchName(),
                    new Branch.PullRequestOrigin(pr.number(), pr.sourceBranch(), pr.destinationBranch(),
                            pr.fromFork()));
        } else if (build.autoCreate() != null) {
            AutoBranching.AutoBranchCreationConfig config = build.autoCreate();
            branches.create(appId, new BranchService.Changes(build.branchName(), config.stage(),
                    config.enableAutoBuild(), config.environmentVariables(), config.buildSpec(),
                    config.enablePullRequestPreview(), null, null, null));
        }
    }
}
