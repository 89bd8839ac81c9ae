package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.webhook.ProviderEvent.Kind;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex>} (its 2023 webhook-secret format), event in
 * {@code X-Event-Key}. A {@code repo:push} lists changes with {@code new}/{@code old} refs (null on create/delete).
 */
@Component
class BitbucketProvider extends HeaderNamedProvider {

    // X-Request-UUID is kept when Bitbucket retries (X-Attempt-Number grows).
    BitbucketProvider() {
        super("bitbucket", new String[] {"X-Event-Key"}, "X-Request-UUID");
    }

    @Override
    public boolean verify(HttpHeaders headers, byte[] body, String secret) {
        return WebhookSignatures.validSha256Header(headers.getFirst("X-Hub-Signature"), body, secret);
    }

    @Override
    public String signatureHelp() {
        return "The X-Hub-Signature header (sha256=...) is missing or does not match this app's webhook secret";
    }

    @Override
    public ProviderEvent parse(HttpHeaders headers, byte[] body) {
        String event = requireEvent(headers);
        String delivery = deliveryId(headers, body);
        return switch (event) {
            case "repo:push" -> push(delivery, event, Payloads.json(body, event));
            case "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected" ->
                    pullRequest(delivery, event, Payloads.json(body, event));
            default -> ProviderEvent.of(Kind.UNSUPPORTED, name(), delivery, event);
        };
    }

    /**
     * A push may list several changes (several refs pushed at once); the first is acted on, like the single ref of
     * the other hosts' push events.
     */
    private ProviderEvent push(String delivery, String event, JsonNode root) {
        JsonNode change = root.path("push").path("changes").path(0);
        JsonNode created = change.path("new");
        JsonNode ref = created.isObject() ? created : change.path("old");
        String type = ref.path("type").asString("");
        String name = ref.path("name").asString("");
        if (type.equals("tag")) {
            return new ProviderEvent(Kind.TAG_PUSH, name(), delivery, event, "refs/tags/" + name, null, null, null,
                    null);
        }
        if (!type.equals("branch")) {
            return ProviderEvent.of(Kind.UNSUPPORTED, name(), delivery, event);
        }
        if (!created.isObject()) {
            return new ProviderEvent(Kind.BRANCH_DELETE, name(), delivery, event, "refs/heads/" + name, null, null,
                    null, null);
        }
        JsonNode target = created.path("target");
        return new ProviderEvent(Kind.BRANCH_PUSH, name(), delivery, event, "refs/heads/" + name,
                Payloads.text(target, "hash"), Payloads.text(target, "message"),
                Payloads.time(Payloads.text(target, "date")), null);
    }

    /** {@code updated} also fires for title edits; Bitbucket does not say which, so it always rebuilds. */
    private ProviderEvent pullRequest(String delivery, String event, JsonNode root) {
        Kind kind = switch (event) {
            case "pullrequest:created" -> Kind.PULL_REQUEST_OPENED;
            case "pullrequest:updated" -> Kind.PULL_REQUEST_UPDATED;
            case "pullrequest:fulfilled" -> Kind.PULL_REQUEST_MERGED;
            default -> Kind.PULL_REQUEST_CLOSED;
        };
        JsonNode pr = root.path("pullrequest");
        JsonNode source = pr.path("source");
        JsonNode destination = pr.path("destination");
        String sourceRepo = source.path("repository").path("full_name").asString("");
        String destinationRepo = destination.path("repository").path("full_name").asString("");
        ProviderEvent.PullRequest request = new ProviderEvent.PullRequest(pr.path("id").asLong(0),
                source.path("branch").path("name").asString(null), destination.path("branch").path("name").asString(null),
                !sourceRepo.isEmpty() && !destinationRepo.isEmpty() && !sourceRepo.equals(destinationRepo));
        return new ProviderEvent(kind, name(), delivery, event, null, source.path("commit").path("hash").asString(null),
                null, null, request);
    }
}
