package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.protection.BypassTokens;
import dev.slipway.controlplane.support.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The app settings page's bypass tokens (protected deployments): create (shown once) and revoke; admins only. */
@Controller
@RequiresRole(Role.ADMIN)
class BypassTokenPages {

    private static final String BASE = "/apps/{appId}/settings/bypass-tokens";

    private final BypassTokens tokens;

    BypassTokenPages(BypassTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(BASE)
    String create(@PathVariable String appId, @RequestParam(defaultValue = "") String name, Me me,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newBypassToken", tokens.create(appId, name, me.actor()).token());
        } catch (Refusal refused) {
            redirect.addFlashAttribute("bypassError", refused.getMessage());
        }
        return "redirect:/apps/" + appId + "/settings#access";
    }

    @PostMapping(BASE + "/{id}/revoke")
    String revoke(@PathVariable String appId, @PathVariable String id) {
        tokens.revoke(appId, id);
        return "redirect:/apps/" + appId + "/settings#access";
    }
}
