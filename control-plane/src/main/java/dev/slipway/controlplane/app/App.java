package dev.slipway.controlplane.app;

import dev.slipway.protocol.redirect.CustomRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An app: one repository, its settings, and the branches connected to it.
 *
 * @param pullRequestForkSecrets builds of pull requests from forks get the app's secrets (off by default: a fork's
 *                               author controls what such a build runs)
 * @param customHeaders          customHttp.yml text for deployments without one of their own (§4.2), or null
 * @param artifactSecretScan     runners scan build output for secret values and stop the deploy on a find (on by
 *                               default; an app may opt out, log masking stays on)
 */
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
        AutoBranching autoBranching,
        boolean pullRequestForkSecrets,
        String customHeaders,
        boolean artifactSecretScan) {

    public App(String appId, String name, String description, String repository, String platform,
            Map<String, String> environmentVariables, String buildSpec, boolean enableBranchAutoBuild,
            List<CustomRule> customRules, boolean enableBasicAuth, Instant createTime, Instant updateTime,
            AutoBranching autoBranching, boolean pullRequestForkSecrets, String customHeaders) {
        this(appId, name, description, repository, platform, environmentVariables, buildSpec, enableBranchAutoBuild,
                customRules, enableBasicAuth, createTime, updateTime, autoBranching, pullRequestForkSecrets,
                customHeaders, true);
    }

    public App(String appId, String name, String description, String repository, String platform,
            Map<String, String> environmentVariables, String buildSpec, boolean enableBranchAutoBuild,
            List<CustomRule> customRules, boolean enableBasicAuth, Instant createTime, Instant updateTime,
            AutoBranching autoBranching, boolean pullRequestForkSecrets) {
        this(appId, name, description, repository, platform, environmentVariables, buildSpec, enableBranchAutoBuild,
                customRules, enableBasicAuth, createTime, updateTime, autoBranching, pullRequestForkSecrets, null);
    }

    public App(String appId, String name, String description, String repository, String platform,
            Map<String, String> environmentVariables, String buildSpec, boolean enableBranchAutoBuild,
            List<CustomRule> customRules, boolean enableBasicAuth, Instant createTime, Instant updateTime,
            AutoBranching autoBranching) {
        this(appId, name, description, repository, platform, environmentVariables, buildSpec, enableBranchAutoBuild,
                customRules, enableBasicAuth, createTime, updateTime, autoBranching, false);
    }

    public String defaultDomain(String baseDomain) {
        return appId + "." + baseDomain;
    }

    public String arn() {
        return "arn:aws:amplify:local:000000000000:apps/" + appId;
    }
}
