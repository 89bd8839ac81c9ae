package dev.slipway.controlplane.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** No job stays leased forever: expired leases are re-queued or failed (see {@link JobQueue}). */
@Component
class LeaseReaper {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

    private final JobQueue queue;

    LeaseReaper(JobQueue queue) {
        this.queue = queue;
    }

    @Scheduled(fixedDelayString = "${slipway.control-plane.reaper-interval:2s}")
    void reap() {
        int reaped = queue.reapExpiredLeases();
        if (reaped > 0) {
            log.warn("Reaped {} job(s) whose runner stopped responding", reaped);
        }
    }
}
