package dev.slipway.controlplane.support;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access logs and the Monitoring page's counts ({@code slipway.control-plane.access-logs.*}, from
 * SLIPWAY_ACCESS_LOG_*).
 *
 * @param retention     access log files and per-minute counts older than this are deleted
 * @param urlValidity   how long a logUrl of the access log API (GenerateAccessLogs) can be downloaded
 * @param purgeInterval how often one control plane deletes what is older than the retention
 */
public record AccessLogSettings(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("15m") Duration urlValidity,
        @DefaultValue("1h") Duration purgeInterval) {

    public AccessLogSettings {
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("SLIPWAY_ACCESS_LOG_RETENTION must be at least 1h: " + retention);
        }
    }

    public static AccessLogSettings defaults() {
        return new AccessLogSettings(Duration.ofDays(30), Duration.ofMinutes(15), Duration.ofHours(1));
    }
}
