package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link JobStateChanged} with the job as it is now in the current transaction, and tells log streams on
 * every control plane (a stream ends when its job did).
 */
@Component
class JobEvents {

    private final JobRepository jobs;
    private final ApplicationEventPublisher publisher;
    private final PgNotifications notifications;

    JobEvents(JobRepository jobs, ApplicationEventPublisher publisher, PgNotifications notifications) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.notifications = notifications;
    }

    void changed(long jobId) {
        jobs.findById(jobId).ifPresent(job -> publisher.publishEvent(new JobStateChanged(job)));
        notifications.publish(Channel.JOB_LOGS);
    }
}
