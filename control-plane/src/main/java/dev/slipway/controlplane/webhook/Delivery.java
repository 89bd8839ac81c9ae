package dev.slipway.controlplane.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of an app's webhook delivery log.
 *
 * @param result QUEUED (a job), IGNORED (with the reason), REMOVED (a preview or branch was deleted), REJECTED (bad
 *               signature). Redeliveries answered DUPLICATE are not logged again: the first entry stands for them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(String provider, String event, String deliveryId, String result, String reason,
        String branchName, String jobId, Instant receiveTime) {
}
