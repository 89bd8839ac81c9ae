package dev.slipway.controlplane.incoming;

import java.time.Instant;
import java.util.UUID;

/** Amplify's incoming webhook: a secret URL that starts a build of one branch (reference §7). */
public record IncomingWebhook(UUID webhookId, String appId, String branchName, String description,
        Instant createTime, Instant updateTime) {
}
