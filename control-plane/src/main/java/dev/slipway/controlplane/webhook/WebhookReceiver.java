package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;

/**
 * The front door of {@code /hooks/{provider}/{appId}}: picks the provider, checks the delivery against the app's
 * webhook secret, reads it and hands it to intake. Unknown apps and bad signatures get the same 401, so the endpoint
 * does not reveal which app ids exist.
 */
@Service
public class WebhookReceiver {

    private final Map<String, WebhookProvider> providers;
    private final AppService apps;
    private final WebhookIntakeService intake;

    WebhookReceiver(List<WebhookProvider> providers, AppService apps, WebhookIntakeService intake) {
        this.providers = providers.stream().collect(Collectors.toMap(WebhookProvider::name, Function.identity()));
        this.apps = apps;
        this.intake = intake;
    }

    public WebhookIntakeService.Outcome receive(String providerName, String appId, HttpHeaders headers, byte[] body) {
        WebhookProvider provider = providers.get(providerName);
        if (provider == null) {
            throw ApiException.notFound("Slipway takes webhooks from " + providers.keySet().stream().sorted().toList()
                    + ", not '" + providerName + "'.");
        }
        Optional<String> secret = apps.webhookSecret(appId);
        if (secret.isEmpty() || !provider.verify(headers, body, secret.get())) {
            throw ApiException.unauthorized(provider.signatureHelp() + "; nothing was queued.");
        }
        return intake.accept(appId, provider.parse(headers, body));
    }
}
