package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.hoststatus.GitHostConnectionService;
import dev.slipway.controlplane.incoming.IncomingWebhookService;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.webhook.DeliveryLog;
import dev.slipway.controlplane.app.WebhookUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Apps: list, create (with an optional git host connection), one app with its branches and its webhook delivery log. Same services as the REST API. */
@Controller
@RequiresRole(Role.VIEWER)
class AppPages {

    private final AppService apps;
    private final BranchService branches;
    private final BranchSummaries summaries;
    private final ControlPlaneProperties properties;
    private final DeliveryLog deliveries;
    private final IncomingWebhookService incoming;
    private final GitHostConnectionService gitHosts;
    private final TransactionTemplate tx;

    AppPages(AppService apps, BranchService branches, BranchSummaries summaries, ControlPlaneProperties properties,
            DeliveryLog deliveries, IncomingWebhookService incoming, GitHostConnectionService gitHosts,
            TransactionTemplate tx) {
        this.gitHosts = gitHosts;
        this.tx = tx;
        this.deliveries = deliveries;
        this.incoming = incoming;
        this.apps = apps;
        this.branches = branches;
        this.summaries = summaries;
        this.properties = properties;
    }

    /** The list; while a build runs the page polls the same URL, which answers just the list for htmx. */
    @GetMapping("/apps")
    String list(Model model, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        Map<App, List<BranchSummaries.Summary>> byApp = new LinkedHashMap<>();
        apps.list().forEach(app -> byApp.put(app, branches.list(app.appId()).stream().map(summaries::of).toList()));
        model.addAttribute("apps", byApp.entrySet().stream()
                .map(entry -> Map.of("app", entry.getKey(), "branches", entry.getValue())).toList());
        model.addAttribute("anyRunning", byApp.values().stream().flatMap(List::stream)
                .map(BranchSummaries.Summary::latestJob)
                .anyMatch(job -> job != null && !job.status().isFinished()));
        return htmx != null ? "apps :: list" : "apps";
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/apps/new")
    String newApp() {
        return "app-new";
    }

    /**
     * The app and, when a provider or token is given, its git host connection (as {@code PUT .../git-host} stores
     * it), in one transaction: a refused token leaves no half-made app behind, and the form comes back with the
     * reason and what was typed, except the token, which never goes back into HTML.
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/apps")
    String create(@RequestParam String name, @RequestParam(defaultValue = "") String repository,
            @RequestParam(defaultValue = "") String provider, @RequestParam(defaultValue = "") String token,
            Model model, RedirectAttributes redirect) {
        AppService.Created created;
        try {
            created = tx.execute(status -> {
                AppService.Created app = apps.create(AppService.Changes.newApp(name, repository));
                if (!provider.isBlank() || !token.isBlank()) {
                    gitHosts.put(app.app().appId(), new GitHostConnectionService.Changes(provider, token, null, null));
                }
                return app;
            });
        } catch (Refusal e) {
            if (!e.fixable()) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
            model.addAttribute("name", name);
            model.addAttribute("repository", repository);
            model.addAttribute("provider", provider);
            return "app-new";
        }
        redirect.addFlashAttribute("webhookSecret", created.webhookSecret());
        return "redirect:/apps/" + created.app().appId();
    }

    @GetMapping("/apps/{appId}")
    String show(@PathVariable String appId, Model model) {
        App app = apps.get(appId);
        model.addAttribute("app", app);
        model.addAttribute("webhookUrls", WebhookUrls.all(properties.publicUrl(), appId));
        model.addAttribute("branches", branches.list(appId).stream().map(summaries::of).toList());
        model.addAttribute("deliveries", deliveries.list(appId, 20));
        model.addAttribute("incomingWebhooks", incoming.list(appId));
        model.addAttribute("publicUrl", properties.publicUrl());
        model.addAttribute("gitHost", gitHosts.find(appId).orElse(null));
        return "app";
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/apps/{appId}/branches")
    String connectBranch(@PathVariable String appId, @RequestParam String branchName) {
        branches.create(appId, BranchService.Changes.connect(branchName));
        return "redirect:/apps/" + appId;
    }
}
