package dev.slipway.controlplane.webhook.web;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ApiException;
import dev.slipway.controlplane.webhook.GitHubEvents;
import dev.slipway.controlplane.webhook.ProviderEvent;
import dev.slipway.controlplane.webhook.WebhookIntakeService;
import dev.slipway.controlplane.webhook.WebhookSignatures;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitHub deliveries: {@code X-Hub-Signature-256} over the raw body with the app's webhook secret. Unknown apps and
 * bad signatures get the same 401, so the endpoint does not reveal which app ids exist.
 */
@RestController
class GitHubWebhookController {

    private final AppService apps;
    private final WebhookIntakeService intake;

    GitHubWebhookController(AppService apps, WebhookIntakeService intake) {
        this.apps = apps;
        this.intake = intake;
    }

    @PostMapping("/hooks/github/{appId}")
    ResponseEntity<WebhookIntakeService.Outcome> receive(@PathVariable String appId,
            @RequestHeader(value = "X-GitHub-Event", required = false) String event,
            @RequestHeader(value = "X-GitHub-Delivery", required = false) String deliveryId,
            @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        String secret = apps.webhookSecret(appId).orElse(null);
        if (secret == null || !WebhookSignatures.validSha256Header(signature, payload, secret)) {
            throw ApiException.unauthorized("The X-Hub-Signature-256 header is missing or does not match this app's "
                    + "webhook secret; nothing was queued.");
        }
        if (event == null || event.isBlank()) {
            throw ApiException.badRequest("The X-GitHub-Event header is missing.");
        }
        String delivery = deliveryId == null || deliveryId.isBlank() ? WebhookSignatures.sha256Hex(payload) : deliveryId;
        ProviderEvent parsed = GitHubEvents.parse(event, delivery, payload);
        WebhookIntakeService.Outcome outcome = intake.accept(appId, parsed);
        return ResponseEntity.status(outcome.status()).body(outcome);
    }
}
