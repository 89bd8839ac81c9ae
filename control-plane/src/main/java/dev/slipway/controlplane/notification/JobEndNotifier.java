package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStateChanged;
import dev.slipway.controlplane.job.JobStatus;
import dev.slipway.controlplane.secret.SecretService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a job's end (SUCCEED or FAILED) into one delivery per matching rule. Runs inside the transaction that ends
 * the job, so deliveries are persisted with the result and a killed control plane forgets none; sending happens
 * later, in {@link NotificationSender}, woken on commit.
 */
@Component
class JobEndNotifier {

    private static final Logger log = LoggerFactory.getLogger(JobEndNotifier.class);

    private final NotificationRepository repository;
    private final AppService apps;
    private final SecretService secrets;
    private final ControlPlaneProperties properties;
    private final PgNotifications notifications;

    JobEndNotifier(NotificationRepository repository, AppService apps, SecretService secrets,
            ControlPlaneProperties properties, PgNotifications notifications) {
        this.notifications = notifications;
        this.repository = repository;
        this.apps = apps;
        this.secrets = secrets;
        this.properties = properties;
    }

    @EventListener
    void on(JobStateChanged event) {
        Job job = event.job();
        if (job.status() != JobStatus.SUCCEED && job.status() != JobStatus.FAILED) {
            return;
        }
        List<NotificationRule.Stored> matching = repository.rules(job.appId()).stream()
                .filter(rule -> rule.matches(job.branchName(), job.status().name())).toList();
        if (matching.isEmpty()) {
            return;
        }
        NotificationMessages messages = new NotificationMessages(job, apps.get(job.appId()).name(),
                properties.publicUrl() + "/apps/" + job.appId() + "/branches/"
                        + URLEncoder.encode(job.branchName(), StandardCharsets.UTF_8) + "/jobs/" + job.jobId(),
                properties.branchUrl(job.appId(), job.branchName()), secretValues(job));
        for (NotificationRule.Stored rule : matching) {
            if (rule.email() != null) {
                repository.enqueue(job.appId(), job.branchName(), job.jobId(), job.status().name(),
                        NotificationDelivery.EMAIL, rule.email(), messages.subject(), messages.emailText(), null);
            } else {
                String body = NotificationRule.SLACK.equals(rule.format()) ? messages.slack() : messages.generic();
                repository.enqueue(job.appId(), job.branchName(), job.jobId(), job.status().name(),
                        NotificationDelivery.WEBHOOK, rule.webhookUrl(), null, body, rule.secretEnc());
            }
        }
        notifications.publish(Channel.NOTIFICATIONS);
    }

    /** The values to mask; null when they cannot be decrypted (a changed master key): then free text is left out. */
    private Collection<String> secretValues(Job job) {
        try {
            return secrets.forBuild(job.appId(), job.branchName()).values();
        } catch (RuntimeException e) {
            log.warn("App {}: secrets could not be read to mask notifications: {}", job.appId(), e.getMessage());
            return null;
        }
    }
}
