package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.Refusal;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
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
    private final DeliveryRepository deliveries;
    private final MeterRegistry meters;

    WebhookReceiver(List<WebhookProvider> providers, AppService apps, WebhookIntakeService intake,
            DeliveryRepository deliveries, MeterRegistry meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.providers = providers.stream().collect(Collectors.toMap(WebhookProvider::name, Function.identity()));
        this.apps = apps;
        this.intake = intake;
    }

    public WebhookIntakeService.Outcome receive(String providerName, String appId, HttpHeaders headers, byte[] body) {
        WebhookProvider provider = providers.get(providerName);
        if (provider == null) {
            throw Refusal.notFound("Slipway takes webhooks from " + providers.keySet().stream().sorted().toList()
                    + ", not '" + providerName + "'.");
        }
        Optional<String> secret = apps.webhookSecret(appId);
        if (secret.isEmpty() || !provider.verify(headers, body, secret.get())) {
            String reason = provider.signatureHelp() + "; nothing was queued.";
            if (secret.isPresent()) {
                logRejected(appId, provider, headers, body, reason);
            }
            count(provider, "REJECTED");
            throw Refusal.unauthenticated(reason);
        }
        try {
            WebhookIntakeService.Outcome outcome = intake.accept(appId, provider.parse(headers, body),
                    WebhookSignatures.sha256Hex(body));
            count(provider, outcome.result());
            return outcome;
        } catch (RuntimeException e) {
            count(provider, "ERROR");
            throw e;
        }
    }

    /** {@code slipway_webhook_deliveries_total{provider,result}}; only known providers, so the labels stay few. */
    private void count(WebhookProvider provider, String result) {
        meters.counter("slipway.webhook.deliveries", "provider", provider.name(), "result", result).increment();
    }

    private void logRejected(String appId, WebhookProvider provider, HttpHeaders headers, byte[] body, String reason) {
        try {
            deliveries.insertUnprocessed(appId, provider.name(), provider.deliveryId(headers, body),
                    provider.event(headers), "REJECTED", reason);
        } catch (DataIntegrityViolationException appDeletedMeanwhile) {
            // nothing to log against: the 401 still goes out
        }
    }
}
