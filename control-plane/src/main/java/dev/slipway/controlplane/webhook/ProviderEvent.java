package dev.slipway.controlplane.webhook;

import java.time.Instant;

/**
 * What a git host told us, independent of the host's payload format.
 *
 * @param kind       what happened
 * @param deliveryId the host's delivery id (dedupe key)
 * @param event      the host's own event name, kept for the delivery log
 * @param ref        full ref name for pushes ({@code refs/heads/main}), else null
 * @param commitId   the new head commit of a push
 */
public record ProviderEvent(Kind kind, String provider, String deliveryId, String event, String ref, String commitId,
        String commitMessage, Instant commitTime) {

    public enum Kind { PING, BRANCH_PUSH, BRANCH_DELETE, TAG_PUSH, UNSUPPORTED }

    public String branchName() {
        return ref != null && ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
    }
}
