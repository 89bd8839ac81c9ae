package dev.slipway.controlplane.support;

import dev.slipway.protocol.net.Destinations;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How build notifications go out ({@code slipway.control-plane.notifications.*}, from SLIPWAY_SMTP_* and
 * SLIPWAY_NOTIFICATIONS_*).
 *
 * @param smtpHost       SMTP server for emails; blank = email rules are refused
 * @param smtpPort       its port (587 for submission, 25 for a relay; implicit TLS on 465 is not supported)
 * @param smtpUsername   SMTP user; blank = no authentication
 * @param smtpPassword   SMTP password
 * @param smtpFrom       the From address of notification emails
 * @param smtpStarttls   require STARTTLS before authenticating and sending
 * @param pollInterval   how often the sender looks for due deliveries
 * @param retryBase      wait before the first retry of a failed delivery; doubled on each further failure
 * @param retryMax       the longest wait between two attempts
 * @param maxAttempts    attempts before a delivery is given up (FAILED, with the last error)
 * @param requestTimeout connect and answer timeout of one webhook call or SMTP conversation step
 * @param allow          comma-separated CIDR blocks a webhook URL may reach although they are not public (a chat
 *                       server on the private network); like SLIPWAY_GIT_HOSTS_ALLOW
 */
public record NotificationSettings(
        @DefaultValue("") String smtpHost,
        @DefaultValue("587") int smtpPort,
        @DefaultValue("") String smtpUsername,
        @DefaultValue("") String smtpPassword,
        @DefaultValue("slipway@localhost") String smtpFrom,
        @DefaultValue("false") boolean smtpStarttls,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5s") Duration retryBase,
        @DefaultValue("30m") Duration retryMax,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("") String allow) {

    public NotificationSettings {
        try {
            Destinations.allowing(allow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_NOTIFICATIONS_ALLOW: " + e.getMessage(), e);
        }
    }

    public static NotificationSettings defaults() {
        return new NotificationSettings("", 587, "", "", "slipway@localhost", false, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(30), 8, Duration.ofSeconds(10), "");
    }

    public boolean emailConfigured() {
        return !smtpHost.isBlank();
    }

    public Destinations destinations() {
        return Destinations.allowing(allow);
    }
}
