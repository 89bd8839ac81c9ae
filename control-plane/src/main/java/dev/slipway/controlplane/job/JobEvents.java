package dev.slipway.controlplane.job;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes {@link JobStateChanged} with the job as it is now in the current transaction. */
@Component
class JobEvents {

    private final JobRepository jobs;
    private final ApplicationEventPublisher publisher;

    JobEvents(JobRepository jobs, ApplicationEventPublisher publisher) {
        this.jobs = jobs;
        this.publisher = publisher;
    }

    void changed(long jobId) {
        jobs.findById(jobId).ifPresent(job -> publisher.publishEvent(new JobStateChanged(job)));
    }
}
