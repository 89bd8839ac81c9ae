package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.controlplane.support.BackgroundLoop;
import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Leases queued MANUAL jobs from the job queue and deploys them ({@link ZipDeployer}), a few at a time. Every control
 * plane runs one; the queue's {@code SKIP LOCKED} lease gives each job to one of them, and a job whose control plane
 * died is queued again by the reaper when its lease lapses. Woken by the queue's notification, as runners are.
 */
@Component
class ManualDeployWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ManualDeployWorker.class);

    private final JobQueue queue;
    private final ZipDeployer deployer;
    private final PgNotifications notifications;
    private final int workers;
    private final String owner = "control-plane-" + UUID.randomUUID();

    ManualDeployWorker(JobQueue queue, ZipDeployer deployer, PgNotifications notifications,
            ControlPlaneProperties properties) {
        super("manual-deploys");
        this.queue = queue;
        this.deployer = deployer;
        this.notifications = notifications;
        this.workers = Math.max(1, properties.manualDeploys().workers());
    }

    @Override
    protected void run() {
        ChangeSignal queued = notifications.signal(Channel.JOB_QUEUE);
        Semaphore slots = new Semaphore(workers);
        ExecutorService deploys = Executors.newVirtualThreadPerTaskExecutor();
        try {
            while (looping()) {
                try {
                    slots.acquire();
                    long generation = queued.generation();
                    Optional<JobQueue.Lease> lease = queue.leaseManual(owner);
                    if (lease.isPresent()) {
                        deploys.submit(() -> deploy(lease.get(), slots));
                        continue;
                    }
                    slots.release();
                    queued.awaitAfter(generation, notifications.recheck());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    slots.release();
                    log.warn("Queued manual deploys could not be read; trying again: {}", e.toString());
                    if (!ChangeSignal.sleepQuietly(notifications.recheck().toMillis())) {
                        return;
                    }
                }
            }
        } finally {
            // a deploy cut short here keeps its lease until it lapses; then another control plane takes the job
            deploys.shutdownNow();
        }
    }

    private void deploy(JobQueue.Lease lease, Semaphore slots) {
        try (LeaseKeeper keeper = new LeaseKeeper(queue, lease)) {
            deployer.deploy(lease, keeper);
        } catch (RuntimeException e) {
            log.warn("Manual deploy of job {} ended abnormally", lease.job().id(), e);
        } finally {
            slots.release();
        }
    }
}
