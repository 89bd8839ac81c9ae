package dev.slipway.controlplane.job;

import dev.slipway.controlplane.cluster.ClusterTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * No job stays leased forever: expired leases are re-queued or failed (see {@link JobQueue}). On one control plane at a
 * time (task {@value #TASK}).
 */
@Component
class LeaseReaper {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

    static final String TASK = "lease-reaper";

    private final JobQueue queue;
    private final ClusterTasks tasks;

    LeaseReaper(JobQueue queue, ClusterTasks tasks) {
        this.queue = queue;
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${slipway.control-plane.reaper-interval:2s}")
    void tick() {
        tasks.runExclusive(TASK, this::reap);
    }

    private void reap() {
        int reaped = queue.reapExpiredLeases();
        if (reaped > 0) {
            log.warn("Reaped {} job(s) whose runner stopped responding", reaped);
        }
    }
}
