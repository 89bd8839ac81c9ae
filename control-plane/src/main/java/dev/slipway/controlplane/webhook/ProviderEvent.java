package dev.slipway.controlplane.webhook;

import java.time.Instant;

/**
 * What a git host told us, independent of the host's payload format. One record for every provider and event, so
 * intake decides without knowing where an event came from.
 *
 * @param kind          what happened
 * @param provider      github, gitlab, gitea or bitbucket
 * @param deliveryId    the host's delivery id (dedupe key)
 * @param event         the host's own event name (plus the action for pull requests), kept for the delivery log
 * @param ref           full ref name for pushes ({@code refs/heads/main}), else null
 * @param commitId      the new head commit of a push, or the head commit of a pull request
 * @param commitMessage the head commit's message when the payload carries it (checked for {@code [skip-cd]})
 * @param pullRequest   the pull/merge request for the {@code PULL_REQUEST_*} kinds, else null
 */
public record ProviderEvent(Kind kind, String provider, String deliveryId, String event, String ref, String commitId,
        String commitMessage, Instant commitTime, PullRequest pullRequest) {

    public enum Kind {
        PING, BRANCH_PUSH, BRANCH_DELETE, TAG_PUSH, UNSUPPORTED,
        /** Opened: build a preview. */
        PULL_REQUEST_OPENED,
        PULL_REQUEST_REOPENED,
        /** New commits on the source branch: rebuild the preview. */
        PULL_REQUEST_UPDATED,
        /** Title, description or labels changed: nothing to rebuild. */
        PULL_REQUEST_EDITED,
        /** Closed without merging: tear the preview down. */
        PULL_REQUEST_CLOSED,
        PULL_REQUEST_MERGED
    }

    /**
     * @param number            the provider's PR/MR number (GitLab iid, Bitbucket id)
     * @param fromFork          the source branch lives in another repository (secrets are withheld from its builds)
     */
    public record PullRequest(long number, String sourceBranch, String destinationBranch, boolean fromFork) {
    }

    static ProviderEvent of(Kind kind, String provider, String deliveryId, String event) {
        return new ProviderEvent(kind, provider, deliveryId, event, null, null, null, null, null);
    }

    public String branchName() {
        return ref != null && ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
    }
}
