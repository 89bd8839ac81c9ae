package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.NotificationSettings;
import dev.slipway.controlplane.support.OutboxLoop;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import dev.slipway.protocol.net.Backoff;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The background worker that empties the delivery outbox: claims due deliveries as soon as a job's end queued them
 * (or every poll interval) and sends them concurrently ({@link OutboxLoop}). A failed attempt is retried with
 * exponential backoff (no answer, 408, 429, 5xx, an SMTP server that did not take the mail) or given up (other 4xx,
 * a refused address, too many attempts). With several control planes only the holder of task {@value #TASK} sends.
 */
@Component
class NotificationSender extends OutboxLoop<NotificationDelivery> {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    static final String TASK = "notification-outbox";

    private final NotificationRepository repository;
    private final WebhookPoster webhooks;
    private final EmailSender emails;
    private final NotificationSettings settings;

    NotificationSender(NotificationRepository repository, WebhookPoster webhooks, EmailSender emails,
            ControlPlaneProperties properties, ClusterTasks tasks, PgNotifications notifications) {
        super("notification-outbox", () -> tasks.claim(TASK), notifications.signal(Channel.NOTIFICATIONS));
        this.repository = repository;
        this.webhooks = webhooks;
        this.emails = emails;
        this.settings = properties.notifications();
    }

    @Override
    protected Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    protected Duration claimDuration() {
        // an SMTP conversation has several steps, each with its own timeout
        return settings.requestTimeout().multipliedBy(6).plusSeconds(5);
    }

    @Override
    protected List<NotificationDelivery> claimDue(int limit, Duration claim) {
        return repository.claimDue(limit, claim);
    }

    @Override
    protected void deliver(NotificationDelivery delivery) {
        int attempts = delivery.attempts() + 1;
        try {
            if (NotificationDelivery.EMAIL.equals(delivery.channel())) {
                emails.send(delivery);
            } else {
                webhooks.post(delivery);
            }
            repository.markSent(delivery.deliveryId(), attempts);
        } catch (DeliveryFailure failure) {
            failed(delivery, attempts, failure.getMessage(), failure.retryable);
        } catch (InterruptedIOException e) {
            // stopping: the claim lapses and the next sender tries again, without counting this attempt
            log.debug("Notification {} interrupted", delivery.deliveryId());
        } catch (RuntimeException e) {
            failed(delivery, attempts, "Could not send: " + e.getMessage(), false);
        }
    }

    private void failed(NotificationDelivery delivery, int attempts, String error, boolean retryable) {
        if (retryable && attempts < settings.maxAttempts()) {
            log.info("Notification {} of app {} failed (attempt {}), retrying: {}", delivery.deliveryId(),
                    delivery.appId(), attempts, error);
            repository.retryLater(delivery.deliveryId(), attempts,
                    Backoff.pause(settings.retryBase(), settings.retryMax(), attempts), error);
        } else {
            log.warn("Notification {} of app {} given up after {} attempt(s): {}", delivery.deliveryId(),
                    delivery.appId(), attempts, error);
            repository.markFailed(delivery.deliveryId(), attempts, error);
        }
    }
}
