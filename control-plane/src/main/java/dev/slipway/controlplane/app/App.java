package dev.slipway.controlplane.app;

import dev.slipway.protocol.redirect.CustomRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An app: one repository, its settings, and the branches connected to it. */
public record App(
        String appId,
        String name,
        String description,
        String repository,
        String platform,
        Map<String, String> environmentVariables,
        String buildSpec,
        boolean enableBranchAutoBuild,
        List<CustomRule> customRules,
        boolean enableBasicAuth,
        Instant createTime,
        Instant updateTime,
        AutoBranching autoBranching) {

    public String defaultDomain(String baseDomain) {
        return appId + "." + baseDomain;
    }

    public String arn() {
        return "arn:aws:amplify:local:000000000000:apps/" + appId;
    }
}
