package dev.slipway.controlplane.incoming;

import java.time.Instant;
import java.util.UUID;

/** Amplify's incoming webhook: a secret URL that starts a build of one branch (reference §7). */
public record IncomingWebhook(UUID webhookId, String appId, String branchName, String description,
        Instant createTime, Instant updateTime) {

    /** The URL to POST to; it carries the token only right after creation (later the token is known only hashed). */
    public String url(String publicUrl, String token) {
        return publicUrl + "/webhooks?id=" + webhookId + (token == null ? "" : "&token=" + token);
    }
}
