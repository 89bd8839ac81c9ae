package dev.slipway.controlplane.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One message to one target, as the delivery log shows it (newest first). The body and the signing secret are not
 * shown: the body is what the target received, and the log is readable by every team member.
 *
 * @param channel EMAIL or WEBHOOK
 * @param state   PENDING (waiting for its first or next attempt), SENT, or FAILED (given up; {@code lastError} says
 *                why)
 */
public record NotificationDelivery(long deliveryId, String branchName, String jobId, String jobStatus, String channel,
        String target, String state, int attempts, String lastError, Instant createTime, Instant nextAttemptTime,
        Instant sentTime, @JsonIgnore String subject, @JsonIgnore String body, @JsonIgnore String secretEnc,
        @JsonIgnore String appId) {

    static final String EMAIL = "EMAIL";
    static final String WEBHOOK = "WEBHOOK";
}
