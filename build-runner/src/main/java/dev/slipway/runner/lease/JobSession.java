package dev.slipway.runner.lease;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.protocol.net.Backoff;
import dev.slipway.protocol.runner.HeartbeatResponse;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.job.JobControl;
import dev.slipway.runner.job.JobReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leased job's conversation with the control plane: heartbeats on their own thread (a cancel request stops the
 * build, a 409 abandons it), the log shipper on another, step reports and the completion with retries. Once the lease
 * is lost nothing more is sent. Create, {@link #start}, use as the job's {@link JobReporter}, then {@link #close}.
 */
final class JobSession implements JobReporter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobSession.class);
    private static final Duration STEP_RETRY = Duration.ofSeconds(30);
    private static final Duration LOG_FLUSH = Duration.ofSeconds(30);

    private final ControlPlaneClient client;
    private final LeasedJob job;
    private final JobControl control;
    private final Duration heartbeatInterval;
    private final LogShipper shipper;
    private final ScheduledExecutorService heartbeats;
    private Thread shipperThread;

    JobSession(ControlPlaneClient client, LeasedJob job, JobControl control, Duration heartbeatInterval) {
        this.client = client;
        this.job = job;
        this.control = control;
        this.heartbeatInterval = heartbeatInterval;
        this.shipper = new LogShipper(client, job, control);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("heartbeat-" + job.jobId()).daemon().factory());
    }

    void start() {
        shipperThread = Thread.ofPlatform().name("logs-" + job.jobId()).daemon().start(shipper);
        long every = heartbeatInterval.toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (control.isAbandoned()) {
            return;
        }
        try {
            HeartbeatResponse response = client.heartbeat(job);
            if (response.cancelRequested() && !control.isCancelled()) {
                log.info("job {}: cancel requested; stopping the build", job.jobId());
                control.cancel();
            }
        } catch (LeaseLostException e) {
            log.warn("job {}: lease lost (heartbeat answered 409); abandoning the build", job.jobId());
            control.abandon();
        } catch (IOException e) {
            log.warn("job {}: heartbeat failed: {}", job.jobId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void step(StepReport report) {
        retry("step " + report.stepName() + " " + report.status(), STEP_RETRY, () -> client.step(job, report));
    }

    @Override
    public void log(String line) {
        shipper.add(line);
    }

    @Override
    public void complete(JobCompletion completion) {
        try {
            if (!shipper.flush(LOG_FLUSH)) {
                log.warn("job {}: some log lines were not acknowledged before completing", job.jobId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration patience = Duration.ofMillis(Math.max(job.leaseMillis(), 10_000));
        retry("completion " + completion.status(), patience, () -> client.complete(job, completion));
    }

    private interface Call {
        void run() throws IOException, InterruptedException;
    }

    /** Retries {@code call} with backoff until it succeeds, the lease is lost, or {@code patience} passed. */
    private void retry(String what, Duration patience, Call call) {
        long deadline = System.nanoTime() + patience.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        boolean warned = false;
        while (!control.isAbandoned()) {
            try {
                call.run();
                return;
            } catch (LeaseLostException e) {
                log.warn("job {}: lease lost while sending {}; abandoning the job", job.jobId(), what);
                control.abandon();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    log.error("job {}: gave up sending {}: {}", job.jobId(), what, e.getMessage());
                    return;
                }
                if (!warned) {
                    log.warn("job {}: could not send {} ({}); retrying", job.jobId(), what, e.getMessage());
                    warned = true;
                }
                try {
                    backoff.pause();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        shipper.close();
        if (shipperThread != null) {
            shipperThread.interrupt();
        }
    }
}
