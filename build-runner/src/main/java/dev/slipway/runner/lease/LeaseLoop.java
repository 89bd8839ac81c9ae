package dev.slipway.runner.lease;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.protocol.net.Backoff;
import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.runner.job.JobControl;
import dev.slipway.runner.job.JobExecutionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;

/**
 * The runner's main loops, one thread per build slot ({@code slipway.runner.max-concurrent-builds}): each long-polls
 * the control plane for a job, builds it, repeats, so a runner never holds more leases than slots. Connection
 * problems back off (at most 2 s) and are warned about once per outage. On stop the current jobs are abandoned
 * (their builds stopped and cleaned up); the control plane's reaper takes the leases back.
 */
public final class LeaseLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseLoop.class);

    private final ControlPlaneClient client;
    private final JobExecutionService jobs;
    private final String runnerId;
    private final Duration leaseWait;
    private final Duration heartbeatInterval;
    private final int slots;
    private final Set<JobControl> current = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public LeaseLoop(ControlPlaneClient client, JobExecutionService jobs, String runnerId, Duration leaseWait,
                     Duration heartbeatInterval, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("max-concurrent-builds must be at least 1, not " + slots);
        }
        this.client = client;
        this.jobs = jobs;
        this.runnerId = runnerId;
        this.leaseWait = leaseWait;
        this.heartbeatInterval = heartbeatInterval;
        this.slots = slots;
    }

    @Override
    public void start() {
        running = true;
        for (int slot = 1; slot <= slots; slot++) {
            threads.add(Thread.ofPlatform().name("lease-loop-" + slot).start(this::loop));
        }
        log.info("runner {} polling {} for jobs ({} concurrent build{})", runnerId, client.baseUrl(), slots,
                slots == 1 ? "" : "s");
    }

    private void loop() {
        MDC.put("runner", runnerId);
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        boolean outage = false;
        while (running) {
            try {
                Optional<LeasedJob> job = client.lease(new LeaseRequest(runnerId, leaseWait.toMillis()));
                if (outage) {
                    log.info("control plane at {} is reachable again", client.baseUrl());
                    outage = false;
                }
                backoff.reset();
                job.ifPresent(this::build);
            } catch (IOException e) {
                if (!outage) {
                    log.warn("cannot lease jobs from {}: {}; retrying", client.baseUrl(),
                            e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                    outage = true;
                }
                if (!backoff.pauseUnlessInterrupted()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("unexpected error in the lease loop", e);
            }
        }
    }

    private void build(LeasedJob job) {
        JobControl control = new JobControl();
        current.add(control);
        try (JobSession session = new JobSession(client, job, control, heartbeatInterval)) {
            session.start();
            jobs.execute(job, session, control);
        } finally {
            current.remove(control);
            MDC.put("runner", runnerId);
        }
    }

    @Override
    public void stop() {
        running = false;
        current.forEach(JobControl::abandon);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
