package dev.slipway.controlplane.webhook;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** GitHub: {@code X-Hub-Signature-256}, or only the legacy sha1 {@code X-Hub-Signature} from old hook setups. */
@Component
class GitHubProvider extends HeaderNamedProvider {

    GitHubProvider() {
        super("github", new String[] {"X-GitHub-Event"}, "X-GitHub-Delivery");
    }

    @Override
    public boolean verify(HttpHeaders headers, byte[] body, String secret) {
        return verifyHubSignature(headers, body, secret);
    }

    /** {@code X-Hub-Signature-256} decides when present; only without it does the legacy sha1 header count. */
    static boolean verifyHubSignature(HttpHeaders headers, byte[] body, String secret) {
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
    public ProviderEvent parse(HttpHeaders headers, byte[] body) {
        String event = requireEvent(headers);
        String delivery = deliveryId(headers, body);
        return event.equals("ping") ? ProviderEvent.of(ProviderEvent.Kind.PING, name(), delivery, event)
                : GitHubStylePayloads.read(name(), delivery, event, body);
    }
}
