package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.protocol.runner.HeartbeatResponse;
import java.util.Optional;

/**
 * Extends a MANUAL job's lease while the control plane deploys it, as a runner's heartbeats do: if this process dies,
 * the lease lapses and the reaper queues the job again for any control plane. Notes a stop request or a lost lease,
 * which {@link #check} then reports between the deploy's stages.
 */
final class LeaseKeeper implements AutoCloseable {

    /** The job was stopped, or its lease was lost: deploy nothing. */
    static final class Stopped extends Exception {
        Stopped() {
            super("stopped");
        }
    }

    private final JobQueue queue;
    private final JobQueue.Lease lease;
    private final Thread beats;
    private volatile boolean stopped;

    LeaseKeeper(JobQueue queue, JobQueue.Lease lease) {
        this.queue = queue;
        this.lease = lease;
        this.beats = Thread.ofVirtual().name("manual-deploy-lease-" + lease.job().id()).start(this::beat);
    }

    private void beat() {
        long every = Math.max(lease.leaseMillis() / 3, 100);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(every);
                Optional<HeartbeatResponse> answer;
                try {
                    answer = queue.heartbeat(lease.job().id(), lease.leaseId());
                } catch (RuntimeException databaseAway) {
                    continue; // the lease may lapse meanwhile; then the reaper decides
                }
                if (answer.isEmpty() || answer.get().cancelRequested()) {
                    stopped = true;
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    void check() throws Stopped {
        if (stopped) {
            throw new Stopped();
        }
    }

    @Override
    public void close() {
        beats.interrupt();
    }
}
