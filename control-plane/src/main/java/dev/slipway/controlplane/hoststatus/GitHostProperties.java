package dev.slipway.controlplane.hoststatus;

import dev.slipway.protocol.net.Backoff;
import dev.slipway.protocol.net.Destinations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How statuses and comments reach git hosts ({@code slipway.git-hosts.*}).
 *
 * @param retryBase      wait before the first retry; doubled on each further failure
 * @param retryMax       the longest wait between two attempts
 * @param maxAttempts    attempts before a call is given up (FAILED, with the host's last answer)
 * @param requestTimeout connect and answer timeout of one call
 * @param pollInterval   how often the sender looks for due calls when nothing woke it
 * @param allow          comma-separated CIDR blocks an {@code apiUrl} may reach although they are not public
 *                       ({@code SLIPWAY_GIT_HOSTS_ALLOW}: a self-hosted git server on the private network)
 */
@ConfigurationProperties("slipway.git-hosts")
public record GitHostProperties(
        @DefaultValue("2s") Duration retryBase,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("") String allow) {

    public GitHostProperties {
        try {
            Destinations.allowing(allow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_GIT_HOSTS_ALLOW: " + e.getMessage(), e);
        }
    }

    /** Where calls to git hosts may go (architecture: the same rules as the edge's 200 rewrites). */
    Destinations destinations() {
        return Destinations.allowing(allow);
    }

    /** The wait after the {@code attempts}-th failed attempt: up to base, 2 base, 4 base, ... up to the maximum. */
    Duration backoff(int attempts) {
        return Backoff.pause(retryBase, retryMax, attempts);
    }
}
