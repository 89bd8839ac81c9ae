package dev.slipway.controlplane.console.web;

import static dev.slipway.controlplane.console.web.FormAttempts.attempt;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.notification.NotificationService;
import dev.slipway.controlplane.notification.NotificationService.RuleInput;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An app's build notifications: its rules, the latest deliveries and, for admins, adding and removing a rule. The
 * same NotificationService calls and roles as the API; a refused rule comes back next to the form.
 */
@Controller
@RequiresRole(Role.ADMIN)
class NotificationPages {

    private static final String PAGE = "/apps/{appId}/notifications";
    private static final int DELIVERIES_SHOWN = 20;

    private final NotificationService notifications;
    private final AppService apps;

    NotificationPages(NotificationService notifications, AppService apps) {
        this.notifications = notifications;
        this.apps = apps;
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping(PAGE)
    String show(@PathVariable String appId, Model model) {
        model.addAttribute("app", apps.get(appId));
        model.addAttribute("rules", notifications.rules(appId));
        model.addAttribute("deliveries", notifications.deliveries(appId, DELIVERIES_SHOWN));
        return "notifications";
    }

    /** One target per rule: the form's target field is an email address or a webhook URL, as its kind says. */
    @PostMapping(PAGE)
    String add(@PathVariable String appId, @RequestParam(defaultValue = "*") String branch,
            @RequestParam(name = "events", defaultValue = "") List<String> events,
            @RequestParam(defaultValue = "email") String kind, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "generic") String format, @RequestParam(defaultValue = "") String secret,
            RedirectAttributes redirect) {
        boolean email = kind.equals("email");
        RuleInput rule = new RuleInput(branch, events.stream().filter(e -> !e.isBlank()).toList(),
                email ? target : null, email ? null : target, email ? null : format, email ? null : secret, null);
        attempt(redirect, "addError", () -> notifications.add(appId, rule));
        return "redirect:/apps/" + appId + "/notifications";
    }

    @PostMapping(PAGE + "/{index}/delete")
    String delete(@PathVariable String appId, @PathVariable int index) {
        notifications.remove(appId, index);
        return "redirect:/apps/" + appId + "/notifications";
    }
}
