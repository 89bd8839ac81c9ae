package dev.slipway.controlplane.hoststatus;

import java.time.Instant;

/**
 * One call to an app's git host, as persisted in the outbox.
 *
 * @param key       calls with the same key (one job's commit status, one pull request's comment) go out in order and
 *                  a newer one supersedes an unsent older one
 * @param kind      STATUS ({@link StatusUpdate} payload) or COMMENT ({@link CommentUpdate} payload)
 * @param state     PENDING, SENT, FAILED (given up; {@code lastError} says why) or SUPERSEDED
 */
public record OutboxEntry(long id, String appId, String key, String kind, String payload, String state, int attempts,
        String lastError, Instant createTime, Instant nextAttemptTime, Instant sentTime) {

    static final String STATUS = "STATUS";
    static final String COMMENT = "COMMENT";
}
