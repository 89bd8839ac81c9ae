package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.webhook.ProviderEvent.Kind;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Gitea, Forgejo and Gogs (services/webhook/deliver.go): bare hex HMAC-SHA256 in {@code X-Gitea-Signature} (and its
 * Forgejo/Gogs copies), with GitHub-style {@code X-Hub-Signature(-256)} copies for GitHub-compatible receivers.
 * Branch deletion arrives as a {@code delete} event, tag creation as {@code create}.
 */
@Component
class GiteaProvider extends HeaderNamedProvider {

    GiteaProvider() {
        super("gitea", new String[] {"X-Gitea-Event", "X-Forgejo-Event", "X-Gogs-Event"}, "X-Gitea-Delivery",
                "X-Forgejo-Delivery", "X-Gogs-Delivery");
    }

    @Override
    public boolean verify(HttpHeaders headers, byte[] body, String secret) {
        String bare = Payloads.header(headers, "X-Gitea-Signature", "X-Forgejo-Signature", "X-Gogs-Signature");
        if (bare != null) {
            return WebhookSignatures.validBareSha256(bare, body, secret);
        }
        return GitHubProvider.verifyHubSignature(headers, body, secret);
    }

    @Override
    public String signatureHelp() {
        return "The X-Gitea-Signature header (or X-Hub-Signature-256) is missing or does not match this app's "
                + "webhook secret";
    }

    @Override
    public ProviderEvent parse(HttpHeaders headers, byte[] body) {
        String event = requireEvent(headers);
        String delivery = deliveryId(headers, body);
        return switch (event) {
            case "create", "delete" -> refEvent(delivery, event, Payloads.json(body, event));
            default -> GitHubStylePayloads.read(name(), delivery, event, body);
        };
    }

    /** {@code create}/{@code delete} carry a short ref name and its type. Branch creation also sends a push. */
    private ProviderEvent refEvent(String delivery, String event, JsonNode root) {
        String name = root.path("ref").asString("");
        return switch (root.path("ref_type").asString("")) {
            case "tag" -> new ProviderEvent(Kind.TAG_PUSH, name(), delivery, event, "refs/tags/" + name, null, null,
                    null, null);
            case "branch" -> new ProviderEvent(event.equals("delete") ? Kind.BRANCH_DELETE : Kind.UNSUPPORTED, name(),
                    delivery, event, "refs/heads/" + name, null, null, null, null);
            default -> ProviderEvent.of(Kind.UNSUPPORTED, name(), delivery, event);
        };
    }
}
