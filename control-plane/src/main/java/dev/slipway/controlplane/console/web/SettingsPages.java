package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.protection.BypassTokens;
import dev.slipway.controlplane.app.AccessSetting;
import dev.slipway.controlplane.app.AppAccessControl;
import dev.slipway.controlplane.branch.BranchAccessControl;
import static dev.slipway.controlplane.console.web.FormAttempts.attempt;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.RuleTester;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.deployment.DeploymentService;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.secret.SecretService;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings of an app ({@code /apps/{appId}/settings}) or of one branch ({@code .../branches/{branch}/settings}):
 * environment variables, write-only secrets, the live deployment's custom headers (read-only), and for the app its
 * custom headers ({@link AppHeadersPages} saves them) and redirect and rewrite rules with a tester. Everyone reads;
 * admins change. A refused change comes back to the form with the reason next to it (flash attributes).
 */
@Controller
@RequiresRole(Role.ADMIN)
class SettingsPages {

    private static final String APP = "/apps/{appId}/settings";
    private static final String BRANCH = "/apps/{appId}/branches/{branchName}/settings";
    private static final JsonMapper JSON = JsonMappers.STRICT;

    private final AppService apps;
    private final BranchService branches;
    private final SecretService secrets;
    private final ControlPlaneProperties properties;
    private final DeploymentService deployments;
    private final AppAccessControl appAccess;
    private final BranchAccessControl branchAccess;
    private final BypassTokens bypassTokens;

    SettingsPages(AppService apps, BranchService branches, SecretService secrets, ControlPlaneProperties properties,
            DeploymentService deployments, AppAccessControl appAccess, BranchAccessControl branchAccess,
            BypassTokens bypassTokens) {
        this.bypassTokens = bypassTokens;
        this.appAccess = appAccess;
        this.branchAccess = branchAccess;
        this.deployments = deployments;
        this.apps = apps;
        this.branches = branches;
        this.secrets = secrets;
        this.properties = properties;
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping({APP, BRANCH})
    String show(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @RequestParam(required = false) String test, Model model) {
        App app = apps.get(appId);
        Branch branch = branchName == null ? null : branches.get(appId, branchName);
        model.addAttribute("app", app);
        model.addAttribute("branch", branch);
        model.addAttribute("base", branch == null ? "/apps/" + appId + "/settings"
                : BranchPages.path(appId, branchName) + "/settings");
        if (!model.containsAttribute("envText")) {
            model.addAttribute("envText", EnvText.format(branch == null ? app.environmentVariables()
                    : branch.environmentVariables()));
        }
        model.addAttribute("secrets", secrets.list(appId, branchName));
        if (branch == null) {
            model.addAttribute("bypassTokens", bypassTokens.list(appId));
        }
        model.addAttribute("access", branch == null ? appAccess.ofApp(appId).orElse(null)
                : branchAccess.ofBranch(appId, branchName).orElse(null));
        if (branch != null) {
            model.addAttribute("headers", deployments.liveHeaders(appId, branchName));
        }
        if (branch == null) {
            if (!model.containsAttribute("specText")) {
                model.addAttribute("specText", app.buildSpec() == null ? "" : app.buildSpec());
            }
            if (!model.containsAttribute("headersText")) {
                model.addAttribute("headersText", app.customHeaders() == null ? "" : app.customHeaders());
            }
            if (!model.containsAttribute("rulesText")) {
                model.addAttribute("rulesText", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(app.customRules()));
            }
            model.addAttribute("ruleProblems", RedirectRules.validate(app.customRules()));
            if (test != null) {
                String host = URI.create(properties.branchUrl(appId, "main")).getHost();
                model.addAttribute("test", test);
                model.addAttribute("verdict", RuleTester.test(app.customRules(), test, host));
            }
        }
        return "settings";
    }

    @PostMapping({APP + "/environment", BRANCH + "/environment"})
    String saveEnvironment(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @RequestParam String variables, RedirectAttributes redirect) {
        if (!attempt(redirect, "envError", () -> {
            if (branchName == null) {
                apps.update(appId, AppService.Changes.environment(EnvText.parse(variables)));
            } else {
                branches.update(appId, branchName, BranchService.Changes.environment(EnvText.parse(variables)));
            }
        })) {
            redirect.addFlashAttribute("envText", variables);
        }
        return back(appId, branchName);
    }

    @PostMapping({APP + "/secrets", BRANCH + "/secrets"})
    String putSecret(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @RequestParam String name, @RequestParam String value, RedirectAttributes redirect) {
        attempt(redirect, "secretError", () -> secrets.put(appId, branchName, name, value));
        return back(appId, branchName);
    }

    @PostMapping({APP + "/secrets/{name}/delete", BRANCH + "/secrets/{name}/delete"})
    String deleteSecret(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @PathVariable String name) {
        secrets.delete(appId, branchName, name);
        return back(appId, branchName);
    }

    /**
     * Access control: {@code mode} and {@code scope} (protected deployments), or the older form's
     * {@code enableBasicAuth} switch; a blank password keeps the stored credentials (stored hashed, never shown).
     */
    @PostMapping({APP + "/access", BRANCH + "/access"})
    String saveAccess(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @RequestParam(defaultValue = "false") boolean enableBasicAuth,
            @RequestParam(required = false) String mode, @RequestParam(required = false) String scope,
            @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            RedirectAttributes redirect) {
        String credentials = password.isEmpty() ? null : Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        AccessSetting setting = mode == null ? null : new AccessSetting(mode, scope);
        attempt(redirect, "accessError", () -> {
            if (branchName == null) {
                apps.update(appId, setting != null ? AppService.Changes.access(setting, credentials)
                        : AppService.Changes.basicAuth(enableBasicAuth, credentials));
            } else {
                branches.update(appId, branchName, setting != null
                        ? BranchService.Changes.access(setting, credentials)
                        : BranchService.Changes.basicAuth(enableBasicAuth, credentials));
            }
        });
        return back(appId, branchName);
    }

    @PostMapping(BRANCH + "/switches")
    String saveSwitches(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam(defaultValue = "false") boolean enableAutoBuild,
            @RequestParam(defaultValue = "false") boolean enablePullRequestPreview,
            @RequestParam(defaultValue = "false") boolean enableSkewProtection, RedirectAttributes redirect) {
        attempt(redirect, "switchError", () -> branches.update(appId, branchName,
                BranchService.Changes.switches(enableAutoBuild, enablePullRequestPreview, enableSkewProtection)));
        return back(appId, branchName);
    }

    /** Branch auto-detection: one glob pattern per line. */
    @PostMapping(APP + "/auto-branching")
    String saveAutoBranching(@PathVariable String appId,
            @RequestParam(defaultValue = "false") boolean enableAutoBranchCreation,
            @RequestParam(defaultValue = "") String patterns,
            @RequestParam(defaultValue = "false") boolean enableBranchAutoDeletion, RedirectAttributes redirect) {
        List<String> globs = patterns.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        attempt(redirect, "autoError", () -> apps.update(appId,
                AppService.Changes.autoBranching(enableAutoBranchCreation, globs, enableBranchAutoDeletion)));
        return back(appId, null);
    }

    @PostMapping(APP + "/build-spec")
    String saveBuildSpec(@PathVariable String appId, @RequestParam String buildSpec, RedirectAttributes redirect) {
        if (!attempt(redirect, "specError", () -> apps.update(appId, AppService.Changes.buildSpec(buildSpec)))) {
            redirect.addFlashAttribute("specText", buildSpec);
        }
        return back(appId, null);
    }

    @PostMapping(APP + "/rules")
    String saveRules(@PathVariable String appId, @RequestParam String rules, RedirectAttributes redirect) {
        if (!attempt(redirect, "rulesError",
                () -> apps.update(appId, AppService.Changes.rules(rules.isBlank() ? List.of() : parse(rules))))) {
            redirect.addFlashAttribute("rulesText", rules);
        }
        return back(appId, null);
    }

    /** Deleting an app or disconnecting a branch needs its name typed again, so a slip of the mouse cannot do it. */
    @PostMapping({APP + "/delete", BRANCH + "/delete"})
    String delete(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @RequestParam(defaultValue = "") String confirmName, RedirectAttributes redirect) {
        String name = branchName == null ? apps.get(appId).name() : branchName;
        if (!confirmName.trim().equals(name)) {
            redirect.addFlashAttribute("deleteError", "Type the name exactly (" + name + ") to confirm.");
            return back(appId, branchName);
        }
        if (branchName == null) {
            apps.delete(appId);
            return "redirect:/apps";
        }
        branches.delete(appId, branchName);
        return "redirect:/apps/" + appId;
    }

    private static List<CustomRule> parse(String rules) {
        try {
            List<CustomRule> parsed = JSON.readValue(rules, new TypeReference<List<CustomRule>>() { });
            return parsed == null ? List.of() : parsed;
        } catch (JacksonException e) {
            throw Refusal.invalid("The rules are not a JSON list of {source, target, status, condition}: "
                    + e.getOriginalMessage());
        }
    }

    private static String back(String appId, String branchName) {
        return "redirect:" + (branchName == null ? "/apps/" + appId : BranchPages.path(appId, branchName))
                + "/settings";
    }
}
