package dev.slipway.runner.lease;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.slipway.protocol.net.Backoff;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.runner.job.JobControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships a job's log lines in batches (every {@value #FLUSH_MILLIS} ms or {@value #BATCH} lines), numbered from 0 over
 * the job. Lines stay buffered until the control plane acknowledges them; after a failed call the batch is resent
 * from the acknowledged index, with backoff, until the lease is lost. {@link #add} never blocks on the network.
 * Thread-safe; runs on its own thread ({@link #run}).
 */
final class LogShipper implements Runnable {

    static final int BATCH = 500;
    static final long FLUSH_MILLIS = 250;

    private static final Logger log = LoggerFactory.getLogger(LogShipper.class);

    private final ControlPlaneClient client;
    private final LeasedJob job;
    private final JobControl control;
    private final List<String> pending = new ArrayList<>();
    private long pendingFrom;
    private boolean closed;

    LogShipper(ControlPlaneClient client, LeasedJob job, JobControl control) {
        this.client = client;
        this.job = job;
        this.control = control;
    }

    synchronized void add(String line) {
        if (control.isAbandoned()) {
            return;
        }
        pending.add(line);
        if (pending.size() >= BATCH) {
            notifyAll();
        }
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        boolean warned = false;
        while (!isClosed() && !control.isAbandoned()) {
            try {
                waitForLines();
                if (sendOnce()) {
                    backoff.reset();
                    warned = false;
                }
            } catch (LeaseLostException e) {
                log.warn("job {}: lease lost while shipping logs; abandoning the job", job.jobId());
                control.abandon();
            } catch (IOException e) {
                if (!warned) {
                    log.warn("job {}: could not ship log lines ({}); keeping them and retrying", job.jobId(), e.getMessage());
                    warned = true;
                }
                if (!backoff.pauseUnlessInterrupted()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void waitForLines() throws InterruptedException {
        if (pending.size() < BATCH && !closed) {
            wait(FLUSH_MILLIS);
        }
    }

    /** Sends up to one batch; true when something was acknowledged. */
    private boolean sendOnce() throws IOException, InterruptedException {
        LogBatch batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return false;
            }
            batch = new LogBatch(pendingFrom, List.copyOf(pending.subList(0, Math.min(BATCH, pending.size()))));
        }
        LogAck ack = client.logs(job, batch);
        synchronized (this) {
            long acknowledged = Math.min(ack.next(), pendingFrom + pending.size()) - pendingFrom;
            if (acknowledged > 0) {
                pending.subList(0, (int) acknowledged).clear();
                pendingFrom += acknowledged;
            }
            notifyAll();
            return acknowledged > 0;
        }
    }

    /** Waits until every line added so far is acknowledged, the lease is lost, or {@code max} passed. */
    synchronized boolean flush(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        notifyAll();
        while (!pending.isEmpty() && !control.isAbandoned()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, FLUSH_MILLIS));
        }
        return pending.isEmpty();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private synchronized boolean isClosed() {
        return closed;
    }
}
