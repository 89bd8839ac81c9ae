package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.BackgroundLoop;
import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.NotificationSettings;
import dev.slipway.protocol.net.Backoff;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The background worker that empties the delivery outbox: claims due deliveries every poll interval and sends them
 * concurrently on virtual threads, so one slow receiver never delays another. A failed attempt is retried with
 * exponential backoff (no answer, 408, 429, 5xx, an SMTP server that did not take the mail) or given up (other 4xx,
 * a refused address, too many attempts). With several control planes only the holder of task {@value #TASK} sends.
 */
@Component
class NotificationSender extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final int BATCH = 50;
    static final String TASK = "notification-outbox";

    private final NotificationRepository repository;
    private final WebhookPoster webhooks;
    private final EmailSender emails;
    private final NotificationSettings settings;
    private final ClusterTasks tasks;

    NotificationSender(NotificationRepository repository, WebhookPoster webhooks, EmailSender emails,
            ControlPlaneProperties properties, ClusterTasks tasks) {
        super("notification-outbox");
        this.repository = repository;
        this.webhooks = webhooks;
        this.emails = emails;
        this.settings = properties.notifications();
        this.tasks = tasks;
    }

    @Override
    protected void run() {
        // an SMTP conversation has several steps, each with its own timeout
        Duration claim = settings.requestTimeout().multipliedBy(6).plusSeconds(5);
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            while (looping()) {
                try {
                    if (tasks.claim(TASK)) {
                        List<NotificationDelivery> due = repository.claimDue(BATCH, claim);
                        for (Future<?> send : due.stream().map(d -> sends.submit(() -> deliver(d))).toList()) {
                            send.get();
                        }
                        if (due.size() == BATCH) {
                            continue;
                        }
                    }
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("The notification outbox could not be read; trying again: {}", e.toString());
                    if (!ChangeSignal.sleepQuietly(settings.pollInterval().toMillis())) {
                        return;
                    }
                }
            }
        }
    }

    void deliver(NotificationDelivery delivery) {
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
