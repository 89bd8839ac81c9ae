package dev.slipway.controlplane.hoststatus;

import java.time.Instant;

/**
 * How Slipway reaches an app's git host API to report build statuses and preview comments.
 *
 * @param repository {@code owner/name} on the host (GitLab: {@code group/subgroup/project})
 * @param tokenHint  the token's last four characters, so a person can tell which token is stored
 */
public record GitHostConnection(String appId, GitHost host, String apiUrl, String repository, String tokenHint,
        Instant createTime, Instant updateTime) {
}
