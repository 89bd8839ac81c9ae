package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.webhook.ProviderEvent.Kind;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Push and pull-request bodies in GitHub's shape, which Gitea, Forgejo and Gogs copy field for field; GitLab's push
 * body has the same fields too (ref, after, commits with id/message/timestamp; no {@code deleted}, a zero after).
 */
final class GitHubStylePayloads {

    private GitHubStylePayloads() {
    }

    /** A {@code push} or {@code pull_request} delivery read; anything else {@code UNSUPPORTED}. */
    static ProviderEvent read(String provider, String deliveryId, String event, byte[] body) {
        return switch (event) {
            case "push" -> push(provider, deliveryId, event, Payloads.json(body, event));
            case "pull_request" -> pullRequest(provider, deliveryId, event, Payloads.json(body, event));
            default -> ProviderEvent.of(Kind.UNSUPPORTED, provider, deliveryId, event);
        };
    }

    static ProviderEvent push(String provider, String deliveryId, String event, JsonNode push) {
        String ref = push.path("ref").asString("");
        String after = Payloads.text(push, "after");
        Kind kind;
        if (ref.startsWith("refs/tags/")) {
            kind = Kind.TAG_PUSH;
        } else if (!ref.startsWith("refs/heads/")) {
            kind = Kind.UNSUPPORTED;
        } else if (push.path("deleted").asBoolean(false) || Payloads.isZeroSha(after)) {
            kind = Kind.BRANCH_DELETE;
        } else {
            kind = Kind.BRANCH_PUSH;
        }
        JsonNode head = Payloads.headCommit(push, after);
        return new ProviderEvent(kind, provider, deliveryId, event, ref, after, Payloads.text(head, "message"),
                Payloads.time(Payloads.text(head, "timestamp")), null);
    }

    static ProviderEvent pullRequest(String provider, String deliveryId, String event, JsonNode root) {
        String action = root.path("action").asString("");
        JsonNode pr = root.path("pull_request");
        Kind kind = switch (action) {
            case "opened" -> Kind.PULL_REQUEST_OPENED;
            case "reopened" -> Kind.PULL_REQUEST_REOPENED;
            case "synchronize", "synchronized" -> Kind.PULL_REQUEST_UPDATED;
            case "edited" -> Kind.PULL_REQUEST_EDITED;
            case "closed" -> pr.path("merged").asBoolean(false) ? Kind.PULL_REQUEST_MERGED : Kind.PULL_REQUEST_CLOSED;
            default -> Kind.UNSUPPORTED;
        };
        JsonNode head = pr.path("head");
        JsonNode base = pr.path("base");
        long number = pr.path("number").asLong(root.path("number").asLong(0));
        ProviderEvent.PullRequest request = new ProviderEvent.PullRequest(number, Payloads.text(head, "ref"),
                Payloads.text(base, "ref"), fromFork(head, base));
        return new ProviderEvent(kind, provider, deliveryId, event + "." + action, null, Payloads.text(head, "sha"),
                null, null, request);
    }

    /**
     * Head and base in different repositories. GitHub sends {@code head.repo: null} when the fork was deleted (still a
     * fork); Gitea sometimes sends only {@code repo_id}s.
     */
    private static boolean fromFork(JsonNode head, JsonNode base) {
        if (head.path("repo").isNull() && base.path("repo").isObject()) {
            return true;
        }
        Long headRepo = repoId(head);
        Long baseRepo = repoId(base);
        return headRepo != null && baseRepo != null && !Objects.equals(headRepo, baseRepo);
    }

    private static Long repoId(JsonNode side) {
        JsonNode id = side.path("repo").path("id");
        if (id.isNumber()) {
            return id.asLong();
        }
        JsonNode repoId = side.path("repo_id");
        return repoId.isNumber() ? repoId.asLong() : null;
    }
}
