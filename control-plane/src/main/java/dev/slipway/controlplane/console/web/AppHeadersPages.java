package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Saves an app's custom headers from the settings page's editor. With htmx (HX-Request) it answers just the editor,
 * saved or with the refusal and the text as typed, so a long YAML document is not lost to a page reload; without
 * JavaScript the form posts and comes back to the page like the other settings forms.
 */
@Controller
@RequiresRole(Role.ADMIN)
class AppHeadersPages {

    private static final String FRAGMENT = "settings :: app-headers";

    private final AppService apps;

    AppHeadersPages(AppService apps) {
        this.apps = apps;
    }

    @PostMapping("/apps/{appId}/settings/headers")
    String save(@PathVariable String appId, @RequestParam String customHeaders,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        Runnable change = () -> apps.update(appId, AppService.Changes.headers(customHeaders));
        if (htmx == null) {
            if (!FormAttempts.attempt(redirect, "headersError", change)) {
                redirect.addFlashAttribute("headersText", customHeaders);
            }
            return "redirect:/apps/" + appId + "/settings";
        }
        String refused = FormAttempts.refusal(change);
        App app = apps.get(appId);
        model.addAttribute("app", app);
        model.addAttribute("headersError", refused);
        model.addAttribute("headersSaved", refused == null);
        model.addAttribute("headersText", refused != null ? customHeaders
                : app.customHeaders() == null ? "" : app.customHeaders());
        return FRAGMENT;
    }
}
