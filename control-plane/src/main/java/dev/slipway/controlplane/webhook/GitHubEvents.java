package dev.slipway.controlplane.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads GitHub deliveries ({@code X-GitHub-Event}) into {@link ProviderEvent}s. */
public final class GitHubEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GitHubEvents() {
    }

    public static ProviderEvent parse(String event, String deliveryId, byte[] body) {
        if ("ping".equals(event)) {
            return new ProviderEvent(ProviderEvent.Kind.PING, "github", deliveryId, event, null, null, null, null);
        }
        if (!"push".equals(event)) {
            return new ProviderEvent(ProviderEvent.Kind.UNSUPPORTED, "github", deliveryId, event, null, null, null, null);
        }
        JsonNode push;
        try {
            push = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The push payload is not valid JSON.");
        }
        String ref = push.path("ref").asString("");
        JsonNode head = push.path("head_commit");
        ProviderEvent.Kind kind;
        if (ref.startsWith("refs/tags/")) {
            kind = ProviderEvent.Kind.TAG_PUSH;
        } else if (push.path("deleted").asBoolean(false)) {
            kind = ProviderEvent.Kind.BRANCH_DELETE;
        } else if (ref.startsWith("refs/heads/")) {
            kind = ProviderEvent.Kind.BRANCH_PUSH;
        } else {
            kind = ProviderEvent.Kind.UNSUPPORTED;
        }
        return new ProviderEvent(kind, "github", deliveryId, event, ref, push.path("after").asString(null),
                head.isObject() ? head.path("message").asString(null) : null,
                head.isObject() ? time(head.path("timestamp").asString(null)) : null);
    }

    private static Instant time(String timestamp) {
        try {
            return timestamp == null ? null : OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
