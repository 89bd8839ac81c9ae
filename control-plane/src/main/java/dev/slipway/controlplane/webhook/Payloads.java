package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.json.JsonMappers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers every provider's parser needs. */
final class Payloads {

    private static final JsonMapper JSON = JsonMappers.STRICT;
    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private Payloads() {
    }

    static JsonNode json(byte[] body, String event) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw Refusal.invalid("The '" + event + "' payload is not a JSON object.");
            }
            return node;
        } catch (JacksonException e) {
            throw Refusal.invalid("The '" + event + "' payload is not valid JSON.");
        }
    }

    /** The first header present; hosts send the same value under several names (Gitea, Gogs, Forgejo). */
    static String header(HttpHeaders headers, String... names) {
        for (String name : names) {
            String value = headers.getFirst(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** The delivery id header, or a hash of the body so that a resent identical body still dedupes. */
    static String deliveryId(HttpHeaders headers, byte[] body, String... names) {
        String id = header(headers, names);
        return id != null ? id : WebhookSignatures.sha256Hex(body);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    static boolean isZeroSha(String sha) {
        return sha == null || sha.isEmpty() || ZERO_SHA.equals(sha);
    }

    /** The commit a push moved the branch to: {@code head_commit}, else the listed commit with that id, else the last. */
    static JsonNode headCommit(JsonNode push, String after) {
        JsonNode head = push.path("head_commit");
        if (head.isObject()) {
            return head;
        }
        JsonNode commits = push.path("commits");
        for (JsonNode commit : commits) {
            if (after != null && after.equals(text(commit, "id"))) {
                return commit;
            }
        }
        return commits.isArray() && !commits.isEmpty() ? commits.get(commits.size() - 1) : JSON.createObjectNode();
    }

    static Instant time(String timestamp) {
        try {
            return timestamp == null ? null : OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
