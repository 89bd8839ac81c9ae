package dev.slipway.controlplane.webhook.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.webhook.WebhookIntakeService;
import dev.slipway.controlplane.webhook.WebhookReceiver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Git host deliveries for {@code github}, {@code gitlab}, {@code gitea} (also Forgejo and Gogs) and
 * {@code bitbucket}. The raw body is kept as bytes: signatures are over the exact bytes sent.
 */
@RestController
@RoleExempt("git hosts prove themselves with the webhook signature")
class ProviderWebhookController {

    private final WebhookReceiver receiver;

    ProviderWebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/hooks/{provider}/{appId}")
    ResponseEntity<WebhookIntakeService.Outcome> receive(@PathVariable String provider, @PathVariable String appId,
            @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        WebhookIntakeService.Outcome outcome = receiver.receive(provider, appId, headers,
                body == null ? new byte[0] : body);
        return ResponseEntity.status(outcome.status()).body(outcome);
    }
}
