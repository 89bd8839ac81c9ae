package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.webhook.ProviderEvent.Kind;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitLab: no HMAC; {@code X-Gitlab-Token} carries the secret itself. Branch create/delete are Push Hooks with a zero
 * before/after; a Merge Request Hook {@code update} changed code only when it carries {@code oldrev}.
 */
@Component
class GitLabProvider extends HeaderNamedProvider {

    // Idempotency-Key stays the same when GitLab retries a delivery; the event UUID is per event.
    GitLabProvider() {
        super("gitlab", new String[] {"X-Gitlab-Event"}, "Idempotency-Key", "X-Gitlab-Event-UUID");
    }

    @Override
    public boolean verify(HttpHeaders headers, byte[] body, String secret) {
        return WebhookSignatures.tokenMatches(headers.getFirst("X-Gitlab-Token"), secret);
    }

    @Override
    public String signatureHelp() {
        return "The X-Gitlab-Token header is missing or is not this app's webhook secret";
    }

    @Override
    public ProviderEvent parse(HttpHeaders headers, byte[] body) {
        String event = requireEvent(headers);
        String delivery = deliveryId(headers, body);
        return switch (event) {
            case "Push Hook", "Tag Push Hook" ->
                    GitHubStylePayloads.push(name(), delivery, event, Payloads.json(body, event));
            case "Merge Request Hook" -> mergeRequest(delivery, event, Payloads.json(body, event));
            default -> ProviderEvent.of(Kind.UNSUPPORTED, name(), delivery, event);
        };
    }

    private ProviderEvent mergeRequest(String delivery, String event, JsonNode root) {
        JsonNode mr = root.path("object_attributes");
        String action = mr.path("action").asString("");
        Kind kind = switch (action) {
            case "open" -> Kind.PULL_REQUEST_OPENED;
            case "reopen" -> Kind.PULL_REQUEST_REOPENED;
            case "update" -> Payloads.text(mr, "oldrev") != null ? Kind.PULL_REQUEST_UPDATED : Kind.PULL_REQUEST_EDITED;
            case "close" -> Kind.PULL_REQUEST_CLOSED;
            case "merge" -> Kind.PULL_REQUEST_MERGED;
            default -> Kind.UNSUPPORTED;
        };
        boolean fromFork = mr.path("source_project_id").asLong(0) != mr.path("target_project_id").asLong(0);
        ProviderEvent.PullRequest request = new ProviderEvent.PullRequest(mr.path("iid").asLong(0),
                Payloads.text(mr, "source_branch"), Payloads.text(mr, "target_branch"), fromFork);
        JsonNode last = mr.path("last_commit");
        return new ProviderEvent(kind, name(), delivery, "merge_request." + action, null, Payloads.text(last, "id"),
                Payloads.text(last, "message"), Payloads.time(Payloads.text(last, "timestamp")), request);
    }
}
