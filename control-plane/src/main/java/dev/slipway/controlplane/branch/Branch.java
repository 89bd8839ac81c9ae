package dev.slipway.controlplane.branch;

import dev.slipway.protocol.naming.HostNames;
import java.time.Instant;
import java.util.Map;

/** A git branch connected to an app; it serves its active deployment. */
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
        Instant updateTime) {

    public String displayName() {
        return HostNames.branchSlug(branchName);
    }

    public String arn() {
        return "arn:aws:amplify:local:000000000000:apps/" + appId + "/branches/"
                + java.net.URLEncoder.encode(branchName, java.nio.charset.StandardCharsets.UTF_8);
    }
}
