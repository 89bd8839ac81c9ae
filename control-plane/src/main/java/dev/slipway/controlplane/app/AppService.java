package dev.slipway.controlplane.app;

import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AccessControl;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.RandomIds;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.redirect.RuleProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating, changing and removing apps. The API and the console both go through here. */
@Service
public class AppService {


    private final AppRepository apps;
    private final SecretCipher cipher;
    private final ControlPlaneProperties properties;
    private final RouteVersion routes;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final AppAccessControl accessControls;

    AppService(AppRepository apps, SecretCipher cipher, ControlPlaneProperties properties, RouteVersion routes,
            TransactionTemplate tx, ApplicationEventPublisher events, AppAccessControl accessControls) {
        this.accessControls = accessControls;
        this.apps = apps;
        this.cipher = cipher;
        this.properties = properties;
        this.routes = routes;
        this.tx = tx;
        this.events = events;
    }

    /** The new app and its provider webhook secret, which is shown this once. */
    public record Created(App app, String webhookSecret) {
    }

    /**
     * @param webhookSecret        optional on create (generated when absent); on update it replaces the secret
     * @param customRules          redirects and rewrites, replaced as a whole (Amplify's UpdateApp)
     * @param basicAuthCredentials base64 of {@code user:password} for every branch; stored hashed, never returned
     * @param pullRequestForkSecrets whether builds of pull requests from forks get secrets (null keeps the value)
     * @param customHeaders        customHttp.yml text for deployments without their own; empty clears, null keeps
     * @param artifactSecretScan   whether runners scan artifacts for secret values before deploying (default true;
     *                             null keeps the value)
     * @param accessControl        who may see the app's sites (protected deployments); BASIC_AUTH and NONE are
     *                             {@code enableBasicAuth} true and false; null keeps the value
     */
    public record Changes(String name, String description, String repository, Map<String, String> environmentVariables,
            String buildSpec, Boolean enableBranchAutoBuild, String webhookSecret, List<CustomRule> customRules,
            Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableAutoBranchCreation,
            List<String> autoBranchCreationPatterns, AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig,
            Boolean enableBranchAutoDeletion, Boolean pullRequestForkSecrets, String customHeaders,
            Boolean artifactSecretScan, AccessSetting accessControl) {

        /** These changes with {@code accessControl} mapped onto {@code enableBasicAuth} (validated: 400). */
        Changes withAccessMapped() {
            Boolean mapped = AccessSetting.basicAuthFor(accessControl, false);
            if (mapped == null) {
                return this;
            }
            if (enableBasicAuth != null && !mapped.equals(enableBasicAuth)) {
                throw Refusal.invalid("'enableBasicAuth' and 'accessControl.mode' disagree; send one of them.");
            }
            return new Changes(name, description, repository, environmentVariables, buildSpec, enableBranchAutoBuild,
                    webhookSecret, customRules, mapped, basicAuthCredentials, enableAutoBranchCreation,
                    autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion,
                    pullRequestForkSecrets, customHeaders, artifactSecretScan, accessControl);
        }

        public Changes(String name, String description, String repository, Map<String, String> environmentVariables,
                String buildSpec, Boolean enableBranchAutoBuild, String webhookSecret, List<CustomRule> customRules,
                Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableAutoBranchCreation,
                List<String> autoBranchCreationPatterns,
                AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig, Boolean enableBranchAutoDeletion,
                Boolean pullRequestForkSecrets, String customHeaders, Boolean artifactSecretScan) {
            this(name, description, repository, environmentVariables, buildSpec, enableBranchAutoBuild, webhookSecret,
                    customRules, enableBasicAuth, basicAuthCredentials, enableAutoBranchCreation,
                    autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion,
                    pullRequestForkSecrets, customHeaders, artifactSecretScan, null);
        }

        /** Sets who may see the app's sites and nothing else. */
        public static Changes access(AccessSetting setting, String basicAuthCredentials) {
            return new Changes(null, null, null, null, null, null, null, null, null, basicAuthCredentials, null, null,
                    null, null, null, null, null, setting);
        }

        public Changes(String name, String description, String repository, Map<String, String> environmentVariables,
                String buildSpec, Boolean enableBranchAutoBuild, String webhookSecret, List<CustomRule> customRules,
                Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableAutoBranchCreation,
                List<String> autoBranchCreationPatterns,
                AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig, Boolean enableBranchAutoDeletion,
                Boolean pullRequestForkSecrets, String customHeaders) {
            this(name, description, repository, environmentVariables, buildSpec, enableBranchAutoBuild, webhookSecret,
                    customRules, enableBasicAuth, basicAuthCredentials, enableAutoBranchCreation,
                    autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion,
                    pullRequestForkSecrets, customHeaders, null);
        }

        public Changes(String name, String description, String repository, Map<String, String> environmentVariables,
                String buildSpec, Boolean enableBranchAutoBuild, String webhookSecret, List<CustomRule> customRules,
                Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableAutoBranchCreation,
                List<String> autoBranchCreationPatterns,
                AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig, Boolean enableBranchAutoDeletion,
                Boolean pullRequestForkSecrets) {
            this(name, description, repository, environmentVariables, buildSpec, enableBranchAutoBuild, webhookSecret,
                    customRules, enableBasicAuth, basicAuthCredentials, enableAutoBranchCreation,
                    autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion,
                    pullRequestForkSecrets, null);
        }

        public Changes(String name, String description, String repository, Map<String, String> environmentVariables,
                String buildSpec, Boolean enableBranchAutoBuild, String webhookSecret, List<CustomRule> customRules,
                Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableAutoBranchCreation,
                List<String> autoBranchCreationPatterns,
                AutoBranching.AutoBranchCreationConfig autoBranchCreationConfig, Boolean enableBranchAutoDeletion) {
            this(name, description, repository, environmentVariables, buildSpec, enableBranchAutoBuild, webhookSecret,
                    customRules, enableBasicAuth, basicAuthCredentials, enableAutoBranchCreation,
                    autoBranchCreationPatterns, autoBranchCreationConfig, enableBranchAutoDeletion, null);
        }

        /** A new app with only the required fields; everything else takes its default. */
        public static Changes newApp(String name, String repository) {
            return new Changes(name, null, repository, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

        /** Replaces the app's environment variables and nothing else. */
        public static Changes environment(Map<String, String> variables) {
            return new Changes(null, null, null, variables, null, null, null, null, null, null, null, null, null, null);
        }

        /** Replaces the app's build spec (amplify.yml) and nothing else. */
        public static Changes buildSpec(String buildSpec) {
            return new Changes(null, null, null, null, buildSpec, null, null, null, null, null, null, null, null, null);
        }

        /** Turns basic auth for every branch on or off; null credentials keep the stored ones. */
        public static Changes basicAuth(boolean enable, String credentials) {
            return new Changes(null, null, null, null, null, null, null, null, enable, credentials, null, null, null,
                    null);
        }

        /** Sets branch auto-detection (patterns replaced whole), keeping the config of auto-created branches. */
        public static Changes autoBranching(boolean create, List<String> patterns, boolean deletion) {
            return new Changes(null, null, null, null, null, null, null, null, null, null, create, patterns, null,
                    deletion);
        }

        /** Replaces the app's redirect and rewrite rules and nothing else. */
        public static Changes rules(List<CustomRule> rules) {
            return new Changes(null, null, null, null, null, null, null, rules, null, null, null, null, null, null);
        }

        /** Replaces the app's custom headers (customHttp.yml text; empty clears) and nothing else. */
        public static Changes headers(String customHeaders) {
            return new Changes(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, customHeaders);
        }

        private static AutoBranching.AutoBranchCreationConfig validConfig(AutoBranching.AutoBranchCreationConfig config) {
            BuildSpecCheck.validate(config.buildSpec(), "autoBranchCreationConfig.buildSpec");
            return config;
        }

        /** Fields left null keep {@code current}'s value. */
        AutoBranching autoBranching(AutoBranching current) {
            return new AutoBranching(
                    enableAutoBranchCreation != null ? enableAutoBranchCreation : current.enableAutoBranchCreation(),
                    autoBranchCreationPatterns != null ? autoBranchCreationPatterns
                            : current.autoBranchCreationPatterns(),
                    autoBranchCreationConfig != null ? validConfig(autoBranchCreationConfig)
                            : current.autoBranchCreationConfig(),
                    enableBranchAutoDeletion != null ? enableBranchAutoDeletion : current.enableBranchAutoDeletion());
        }
    }

    public Created create(Changes request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw Refusal.invalid("'name' is required (1 to 255 characters).");
        }
        String secret = request.webhookSecret() == null ? RandomIds.secret() : validSecret(request.webhookSecret());
        Instant now = Instant.now();
        Map<String, String> environment = EnvironmentVariables.validate(request.environmentVariables());
        App app = new App(RandomIds.appId(), request.name().trim(), request.description(),
                // no repository: an app deployed from zips only (Amplify's "Deploy without Git")
                request.repository() == null || request.repository().isBlank() ? null
                        : RepositoryUrls.validate(request.repository(), properties.allowFileRepos()), "WEB",
                environment, validBuildSpec(request.buildSpec()),
                request.enableBranchAutoBuild() == null || request.enableBranchAutoBuild(),
                validRules(request.customRules()), false, now, now, request.autoBranching(AutoBranching.OFF),
                Boolean.TRUE.equals(request.pullRequestForkSecrets()),
                request.customHeaders() == null ? null
                        : AppCustomHeaders.validate(request.customHeaders(), environment),
                request.artifactSecretScan() == null || request.artifactSecretScan());
        apps.insert(app, cipher.encrypt(secret));
        return new Created(app, secret);
    }

    public App get(String appId) {
        return find(appId).orElseThrow(() -> Refusal.notFound("No app with id '" + appId + "'."));
    }

    public Optional<App> find(String appId) {
        return apps.find(appId);
    }

    public List<App> list() {
        return apps.findAll();
    }

    /**
     * Fields left null keep their value; maps and rule lists are replaced whole, as Amplify's UpdateApp does. A change
     * to rules, custom headers or access control bumps the route version in the same transaction, so edges apply it without a build.
     */
    public App update(String appId, Changes request) {
        Changes changes = request.withAccessMapped();
        App updated = merge(get(appId), changes);
        String hash = AccessControl.newHash(changes.enableBasicAuth(), changes.basicAuthCredentials(),
                apps.hasBasicAuthHash(appId));
        String secret = changes.webhookSecret() == null ? null : cipher.encrypt(validSecret(changes.webhookSecret()));
        tx.executeWithoutResult(status -> {
            apps.update(updated);
            if (secret != null) {
                apps.updateWebhookSecret(appId, secret);
            }
            if (hash != null) {
                apps.updateBasicAuthHash(appId, hash);
            }
            accessControls.storeApp(appId, changes.accessControl(), changes.enableBasicAuth());
            if (changes.customRules() != null || changesHeaders(changes, updated) || changes.accessControl() != null
                    || AccessControl.isChanged(changes.enableBasicAuth(), changes.basicAuthCredentials())) {
                routes.bumpVersion();
                AfterCommit.run(routes::notifyChanged);
            }
        });
        return updated;
    }

    /** New variables may move the monorepo app root, and with it which of the app's headers edges serve. */
    private static boolean changesHeaders(Changes changes, App updated) {
        return changes.customHeaders() != null
                || (changes.environmentVariables() != null && updated.customHeaders() != null);
    }

    private App merge(App current, Changes changes) {
        String appId = current.appId();
        Map<String, String> environment = changes.environmentVariables() != null
                ? EnvironmentVariables.validate(changes.environmentVariables())
                : current.environmentVariables();
        return new App(appId,
                changes.name() != null ? changes.name().trim() : current.name(),
                changes.description() != null ? changes.description() : current.description(),
                changes.repository() != null
                        ? RepositoryUrls.validate(changes.repository(), properties.allowFileRepos())
                        : current.repository(),
                current.platform(),
                environment,
                changes.buildSpec() != null ? validBuildSpec(changes.buildSpec()) : current.buildSpec(),
                changes.enableBranchAutoBuild() != null ? changes.enableBranchAutoBuild() : current.enableBranchAutoBuild(),
                changes.customRules() != null ? validRules(changes.customRules()) : current.customRules(),
                changes.enableBasicAuth() != null ? changes.enableBasicAuth() : current.enableBasicAuth(),
                current.createTime(), Instant.now(), changes.autoBranching(current.autoBranching()),
                changes.pullRequestForkSecrets() != null
                        ? changes.pullRequestForkSecrets() : current.pullRequestForkSecrets(),
                changes.customHeaders() != null
                        ? AppCustomHeaders.validate(changes.customHeaders(), environment) : current.customHeaders(),
                changes.artifactSecretScan() != null
                        ? changes.artifactSecretScan() : current.artifactSecretScan());
    }

    public App delete(String appId) {
        App app = get(appId);
        tx.executeWithoutResult(status -> {
            events.publishEvent(new AppRemoving(appId));
            apps.delete(appId);
            routes.bumpVersion();
        });
        routes.notifyChanged();
        return app;
    }

    /** The secret provider webhooks of this app are signed with, or empty for an unknown app. */
    public Optional<String> webhookSecret(String appId) {
        return apps.encryptedWebhookSecret(appId).map(cipher::decrypt);
    }


    private static String validSecret(String secret) {
        if (secret.length() < 16 || secret.length() > 256) {
            throw Refusal.invalid("'webhookSecret' must be 16 to 256 characters long.");
        }
        return secret;
    }

    /** Rules Amplify would reject are a 400 naming the first bad index; rules it ignores are kept, as Amplify does. */
    private static List<CustomRule> validRules(List<CustomRule> rules) {
        if (rules == null) {
            return List.of();
        }
        for (RuleProblem problem : RedirectRules.validate(rules)) {
            if (problem.isError()) {
                throw Refusal.invalid("customRules[" + problem.index() + "]: " + problem.reason());
            }
        }
        return List.copyOf(rules);
    }

    private static String validBuildSpec(String buildSpec) {
        if (buildSpec == null || buildSpec.isBlank()) {
            return null;
        }
        return BuildSpecCheck.validate(buildSpec, "buildSpec");
    }
}
