package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.incoming.IncomingWebhookService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Incoming webhooks of an app (listed on its page): create (the URL with its token is shown once) and delete. */
@Controller
@RequiresRole(Role.ADMIN)
class IncomingWebhookPages {

    private final IncomingWebhookService webhooks;
    private final ControlPlaneProperties properties;

    IncomingWebhookPages(IncomingWebhookService webhooks, ControlPlaneProperties properties) {
        this.webhooks = webhooks;
        this.properties = properties;
    }

    @PostMapping("/apps/{appId}/incoming-webhooks")
    String create(@PathVariable String appId, @RequestParam String branchName,
            @RequestParam(defaultValue = "") String description, RedirectAttributes redirect) {
        IncomingWebhookService.Created created = webhooks.create(appId,
                new IncomingWebhookService.Changes(branchName, description.isBlank() ? null : description));
        redirect.addFlashAttribute("incomingUrl", created.webhook().url(properties.publicUrl(), created.token()));
        return "redirect:/apps/" + appId;
    }

    @PostMapping("/apps/{appId}/incoming-webhooks/{webhookId}/delete")
    String delete(@PathVariable String appId, @PathVariable String webhookId) {
        webhooks.delete(appId, webhookId);
        return "redirect:/apps/" + appId;
    }
}
