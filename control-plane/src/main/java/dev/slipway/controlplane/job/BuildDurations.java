package dev.slipway.controlplane.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code slipway_build_duration_seconds{result}}: how long finished jobs ran, from the lease to the end, counted by
 * the control plane that ended them. After commit, so a rolled-back end is not counted; a job that never ran (cancelled
 * while queued) has no duration and is left out.
 */
@Component
class BuildDurations {

    private final MeterRegistry registry;

    BuildDurations(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobStateChanged event) {
        Job job = event.job();
        if (!job.status().isFinished() || job.startTime() == null || job.endTime() == null) {
            return;
        }
        Timer.builder("slipway.build.duration").description("Run time of finished jobs, by result")
                .tag("result", job.status().name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry)
                .record(Duration.between(job.startTime(), job.endTime()));
    }
}
