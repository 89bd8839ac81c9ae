package dev.slipway.controlplane.webhook;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** GitHub: {@code X-Hub-Signature-256}, or only the legacy sha1 {@code X-Hub-Signature} from old hook setups. */
@Component
class GitHubProvider implements WebhookProvider {

    @Override
    public String name() {
        return "github";
    }

    @Override
    public boolean verify(HttpHeaders headers, byte[] body, String secret) {
        String sha256 = headers.getFirst("X-Hub-Signature-256");
        if (sha256 != null) {
            return WebhookSignatures.validSha256Header(sha256, body, secret);
        }
        return WebhookSignatures.validSha1Header(headers.getFirst("X-Hub-Signature"), body, secret);
    }

    @Override
    public String signatureHelp() {
        return "The X-Hub-Signature-256 header (or legacy X-Hub-Signature) is missing or does not match this app's "
                + "webhook secret";
    }

    @Override
    public String event(HttpHeaders headers) {
        return Payloads.header(headers, "X-GitHub-Event");
    }

    @Override
    public String deliveryId(HttpHeaders headers, byte[] body) {
        return Payloads.deliveryId(headers, body, "X-GitHub-Delivery");
    }

    @Override
    public ProviderEvent parse(HttpHeaders headers, byte[] body) {
        String event = Payloads.require(event(headers), "X-GitHub-Event");
        String delivery = deliveryId(headers, body);
        return switch (event) {
            case "ping" -> ProviderEvent.of(ProviderEvent.Kind.PING, name(), delivery, event);
            case "push" -> GitHubStylePayloads.push(name(), delivery, event, Payloads.json(body, event));
            case "pull_request" -> GitHubStylePayloads.pullRequest(name(), delivery, event, Payloads.json(body, event));
            default -> ProviderEvent.of(ProviderEvent.Kind.UNSUPPORTED, name(), delivery, event);
        };
    }
}
