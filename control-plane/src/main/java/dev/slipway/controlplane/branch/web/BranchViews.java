package dev.slipway.controlplane.branch.web;

import dev.slipway.controlplane.branch.BranchAccessControl;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import org.springframework.stereotype.Component;

@Component
class BranchViews {

    private final ControlPlaneProperties properties;
    private final BranchAccessControl access;

    BranchViews(ControlPlaneProperties properties, BranchAccessControl access) {
        this.access = access;
        this.properties = properties;
    }

    BranchView of(Branch branch) {
        Branch.PullRequestOrigin pr = branch.pullRequest();
        return new BranchView(branch.branchName(), branch.arn(), branch.displayName(), branch.stage(),
                branch.enableAutoBuild(), branch.environmentVariables(), branch.buildSpec(),
                branch.activeDeploymentId(), branch.enableBasicAuth(), Long.toString(branch.totalNumberOfJobs()),
                properties.branchUrl(branch.appId(), branch.branchName()), branch.createTime(), branch.updateTime(), branch.enablePullRequestPreview(),
                pr == null ? null : Long.toString(pr.number()), pr == null ? null : pr.sourceBranch(),
                pr == null ? null : pr.destinationBranch(), pr == null ? null : pr.fromFork(),
                branch.enableSkewProtection(),
                access.ofBranch(branch.appId(), branch.branchName()).orElse(null));
    }
}
