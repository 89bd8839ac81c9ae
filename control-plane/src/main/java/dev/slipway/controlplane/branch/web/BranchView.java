package dev.slipway.controlplane.branch.web;

import dev.slipway.controlplane.app.AccessSetting;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** A branch as the API shows it; {@code branchUrl} is where the edge serves it. Credentials are never shown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BranchView(
        String branchName,
        String branchArn,
        String displayName,
        String stage,
        boolean enableAutoBuild,
        Map<String, String> environmentVariables,
        String buildSpec,
        String activeDeploymentId,
        boolean enableBasicAuth,
        String totalNumberOfJobs,
        String branchUrl,
        Instant createTime,
        Instant updateTime,
        boolean enablePullRequestPreview,
        String pullRequestId,
        String sourceBranch,
        String destinationBranch,
        Boolean pullRequestFromFork,
        boolean enableSkewProtection,
        AccessSetting accessControl) {
}
