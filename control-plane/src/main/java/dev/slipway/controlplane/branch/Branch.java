package dev.slipway.controlplane.branch;

import dev.slipway.protocol.naming.HostNames;
import java.time.Instant;
import java.util.Map;

/**
 * A git branch connected to an app; it serves its active deployment.
 *
 * @param enablePullRequestPreview pull requests targeting this branch get a preview branch {@code pr-<N>}
 * @param pullRequest              set on preview branches (stage PULL_REQUEST): the pull request they build
 * @param enableSkewProtection     a visitor whose page came from an earlier deployment keeps being served from it
 *                                 (the edge pins by deployment id; recent deployments only)
 */
public record Branch(
        String appId,
        String branchName,
        String stage,
        boolean enableAutoBuild,
        Map<String, String> environmentVariables,
        String buildSpec,
        String activeDeploymentId,
        boolean enableBasicAuth,
        long totalNumberOfJobs,
        Instant createTime,
        Instant updateTime,
        boolean enablePullRequestPreview,
        PullRequestOrigin pullRequest,
        boolean enableSkewProtection) {

    /**
     * @param number   the provider's pull/merge request number ({@code pr-<number>})
     * @param fromFork the source branch is in another repository: its builds must not see the app's secrets
     */
    public record PullRequestOrigin(long number, String sourceBranch, String destinationBranch, boolean fromFork) {
    }

    public String displayName() {
        return HostNames.branchSlug(branchName);
    }

    public String arn() {
        return "arn:aws:amplify:local:000000000000:apps/" + appId + "/branches/"
                + java.net.URLEncoder.encode(branchName, java.nio.charset.StandardCharsets.UTF_8);
    }
}
