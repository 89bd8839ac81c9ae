package dev.slipway.controlplane.console.web;

import static dev.slipway.controlplane.console.web.FormAttempts.attempt;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.domain.DomainService;
import dev.slipway.controlplane.domain.SubDomainSetting;
import dev.slipway.controlplane.domain.web.DomainViews;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An app's custom domains: the records to create, each domain's status and why, add, verify now, delete. The same
 * DomainService calls and roles as the API (viewers read, developers verify, admins add and delete); a refused
 * change comes back next to its form.
 */
@Controller
@RequiresRole(Role.ADMIN)
class DomainPages {

    private static final String PAGE = "/apps/{appId}/domains";

    private final DomainService domains;
    private final DomainViews views;
    private final AppService apps;
    private final BranchService branches;

    DomainPages(DomainService domains, DomainViews views, AppService apps, BranchService branches) {
        this.domains = domains;
        this.views = views;
        this.apps = apps;
        this.branches = branches;
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping(PAGE)
    String show(@PathVariable String appId, Model model) {
        model.addAttribute("app", apps.get(appId));
        model.addAttribute("domains", domains.list(appId).stream().map(views::view).toList());
        model.addAttribute("branches", branches.list(appId));
        return "domains";
    }

    /** The form's rows: prefix[i] served by branch[i]; a row without a branch is left out. */
    @PostMapping(PAGE)
    String create(@PathVariable String appId, @RequestParam String domainName,
            @RequestParam(name = "prefix", defaultValue = "") String[] prefixes,
            @RequestParam(name = "branch", defaultValue = "") String[] rowBranches, RedirectAttributes redirect) {
        List<SubDomainSetting> settings = new ArrayList<>();
        for (int i = 0; i < Math.min(prefixes.length, rowBranches.length); i++) {
            if (!rowBranches[i].isBlank()) {
                settings.add(new SubDomainSetting(prefixes[i], rowBranches[i]));
            }
        }
        if (!attempt(redirect, "addError", () -> domains.create(appId,
                new DomainService.Changes(domainName, settings, null, null, null)))) {
            redirect.addFlashAttribute("domainName", domainName);
        }
        return back(appId);
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping(PAGE + "/{domainName}/verify")
    String verify(@PathVariable String appId, @PathVariable String domainName, RedirectAttributes redirect) {
        domains.verify(appId, domainName);
        redirect.addFlashAttribute("checked", domainName);
        return back(appId);
    }

    /** Deleting needs the domain typed again, as deleting an app does, so a slip of the mouse cannot unroute it. */
    @PostMapping(PAGE + "/{domainName}/delete")
    String delete(@PathVariable String appId, @PathVariable String domainName,
            @RequestParam(defaultValue = "") String confirmName, RedirectAttributes redirect) {
        if (!confirmName.trim().equalsIgnoreCase(domainName)) {
            redirect.addFlashAttribute("deleteError", domainName);
            return back(appId);
        }
        domains.delete(appId, domainName);
        return back(appId);
    }

    private static String back(String appId) {
        return "redirect:/apps/" + appId + "/domains";
    }
}
