package dev.slipway.controlplane.app.web;

import dev.slipway.controlplane.app.AccessSetting;
import dev.slipway.controlplane.app.AppAccessControl;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AutoBranching;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.app.WebhookUrls;
import dev.slipway.protocol.redirect.CustomRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An app as the API shows it. {@code webhookSecret} appears only in the answer to CreateApp; {@code webhookUrls} says
 * where each git host sends its deliveries ({@code webhookUrl}, GitHub's, is kept for older clients). Basic-auth
 * credentials are never shown, only whether access control is on. {@code customHeaders} is left out when the app has
 * none, as Amplify leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AppView(
        String appId,
        String appArn,
        String name,
        String description,
        String repository,
        String platform,
        Map<String, String> environmentVariables,
        String defaultDomain,
        boolean enableBranchAutoBuild,
        String buildSpec,
        List<CustomRule> customRules,
        boolean enableBasicAuth,
        String webhookUrl,
        String webhookSecret,
        Instant createTime,
        Instant updateTime,
        boolean enableAutoBranchCreation,
        List<String> autoBranchCreationPatterns,
        AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig,
        boolean enableBranchAutoDeletion,
        boolean pullRequestForkSecrets,
        Map<String, String> webhookUrls,
        String customHeaders,
        boolean artifactSecretScan,
        AccessSetting accessControl) {

    static AppView of(App app, ControlPlaneProperties properties, AppAccessControl access) {
        return new AppView(app.appId(), app.arn(), app.name(), app.description(), app.repository(), app.platform(),
                app.environmentVariables(), app.defaultDomain(properties.baseDomain()), app.enableBranchAutoBuild(),
                app.buildSpec(), app.customRules(), app.enableBasicAuth(),
                WebhookUrls.of(properties.publicUrl(), "github", app.appId()), null, app.createTime(), app.updateTime(),
                app.autoBranching().enableAutoBranchCreation(), app.autoBranching().autoBranchCreationPatterns(),
                app.autoBranching().autoBranchCreationConfig(), app.autoBranching().enableBranchAutoDeletion(),
                app.pullRequestForkSecrets(), WebhookUrls.all(properties.publicUrl(), app.appId()),
                app.customHeaders(), app.artifactSecretScan(), access.ofApp(app.appId()).orElse(null));
    }

    AppView withWebhookSecret(String secret) {
        return new AppView(appId, appArn, name, description, repository, platform, environmentVariables, defaultDomain,
                enableBranchAutoBuild, buildSpec, customRules, enableBasicAuth, webhookUrl, secret, createTime, updateTime,
                enableAutoBranchCreation, autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion,
                pullRequestForkSecrets, webhookUrls, customHeaders, artifactSecretScan, accessControl);
    }
}
