package dev.slipway.runner.lease;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.runner.job.JobControl;
import dev.slipway.runner.job.JobExecutionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;

/**
 * The runner's main loop on its own thread: long-poll the control plane for a job, build it, repeat. Connection
 * problems back off (at most 2 s) and are warned about once per outage. One job at a time. On stop the current job
 * is abandoned (its build stopped and cleaned up); the control plane's reaper takes the lease back.
 */
public final class LeaseLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseLoop.class);

    private final ControlPlaneClient client;
    private final JobExecutionService jobs;
    private final String runnerId;
    private final Duration leaseWait;
    private final Duration heartbeatInterval;
    private volatile boolean running;
    private volatile JobControl current;
    private Thread thread;

    public LeaseLoop(ControlPlaneClient client, JobExecutionService jobs, String runnerId, Duration leaseWait,
                     Duration heartbeatInterval) {
        this.client = client;
        this.jobs = jobs;
        this.runnerId = runnerId;
        this.leaseWait = leaseWait;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("lease-loop").start(this::loop);
        log.info("runner {} polling {} for jobs", runnerId, client.baseUrl());
    }

    private void loop() {
        MDC.put("runner", runnerId);
        Backoff backoff = new Backoff(Duration.ofSeconds(2));
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
        current = control;
        try (JobSession session = new JobSession(client, job, control, heartbeatInterval)) {
            session.start();
            jobs.execute(job, session, control);
        } finally {
            current = null;
            MDC.put("runner", runnerId);
        }
    }

    @Override
    public void stop() {
        running = false;
        JobControl job = current;
        if (job != null) {
            job.abandon();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
