package dev.slipway.controlplane.incoming.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.incoming.IncomingWebhook;
import dev.slipway.controlplane.incoming.IncomingWebhookService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amplify's CreateWebhook / ListWebhooks / GetWebhook / DeleteWebhook. Only the answer to CreateWebhook carries the
 * token in {@code webhookUrl}; later answers show the URL without it (the token is stored hashed).
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/webhooks")
@RequiresRole(Role.VIEWER)
class IncomingWebhookController {

    private final IncomingWebhookService webhooks;
    private final ControlPlaneProperties properties;

    IncomingWebhookController(IncomingWebhookService webhooks, ControlPlaneProperties properties) {
        this.webhooks = webhooks;
        this.properties = properties;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookView(String webhookId, String webhookArn, String webhookUrl, String branchName, String description,
            Instant createTime, Instant updateTime) {
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, WebhookView> create(@PathVariable String appId, @RequestBody IncomingWebhookService.Changes request) {
        IncomingWebhookService.Created created = webhooks.create(appId, request);
        return Map.of("webhook", view(created.webhook(), created.token()));
    }

    @GetMapping
    Map<String, List<WebhookView>> list(@PathVariable String appId) {
        return Map.of("webhooks", webhooks.list(appId).stream().map(webhook -> view(webhook, null)).toList());
    }

    @GetMapping("/{webhookId}")
    Map<String, WebhookView> get(@PathVariable String appId, @PathVariable String webhookId) {
        return Map.of("webhook", view(webhooks.get(appId, webhookId), null));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{webhookId}")
    Map<String, WebhookView> delete(@PathVariable String appId, @PathVariable String webhookId) {
        return Map.of("webhook", view(webhooks.delete(appId, webhookId), null));
    }

    private WebhookView view(IncomingWebhook webhook, String token) {
        String id = webhook.webhookId().toString();
        return new WebhookView(id, "arn:aws:amplify:local:000000000000:apps/" + webhook.appId() + "/webhooks/" + id,
                webhook.url(properties.publicUrl(), token), webhook.branchName(),
                webhook.description(), webhook.createTime(), webhook.updateTime());
    }
}
