package dev.slipway.controlplane.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of an outbox's sender: while this process may send ({@code mayRun}, the holder of the outbox's cluster
 * task), claim due entries and deliver them concurrently on virtual threads, so one slow receiver never delays
 * another; then wait for the wake-up signal or the poll interval. Claims left by a killed process lapse and are taken
 * again. Failures of the outbox itself (the database away) are logged and retried after the poll interval.
 *
 * @param <E> a claimed outbox entry
 */
public abstract class OutboxLoop<E> extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxLoop.class);
    /** Entries claimed at once; a full batch is followed by the next claim without waiting. */
    protected static final int BATCH = 50;

    private final String outboxName;
    private final BooleanSupplier mayRun;
    private final ChangeSignal wakeUp;

    /**
     * @param outboxName names the thread and the log lines
     * @param mayRun     whether this process sends now, asked before every claim
     * @param wakeUp     signalled when entries were queued, or a signal nobody signals to rely on polling alone
     */
    protected OutboxLoop(String outboxName, BooleanSupplier mayRun, ChangeSignal wakeUp) {
        super(outboxName);
        this.outboxName = outboxName;
        this.mayRun = mayRun;
        this.wakeUp = wakeUp;
    }

    /** How often to look when not woken, and how long to wait after the outbox failed. */
    protected abstract Duration pollInterval();

    /**
     * Claims up to {@code limit} due entries for {@code claim}: long enough for every delivery of a batch to end, so
     * no other sender takes an entry still being delivered.
     */
    protected abstract List<E> claimDue(int limit, Duration claim);

    /** How long a claim lasts. */
    protected abstract Duration claimDuration();

    /** Delivers one entry and records the outcome; must not throw for a receiver's failure. */
    protected abstract void deliver(E entry);

    @Override
    protected final void run() {
        try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
            while (looping()) {
                long generation = wakeUp.generation();
                try {
                    if (!mayRun.getAsBoolean()) {
                        Thread.sleep(pollInterval());
                        continue;
                    }
                    List<E> due = claimDue(BATCH, claimDuration());
                    for (Future<?> delivery : due.stream().map(e -> deliveries.submit(() -> deliver(e))).toList()) {
                        delivery.get();
                    }
                    if (due.size() < BATCH) {
                        wakeUp.awaitAfter(generation, pollInterval());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("The {} could not be read; trying again: {}", outboxName, e.toString());
                    if (!ChangeSignal.sleepQuietly(pollInterval().toMillis())) {
                        return;
                    }
                }
            }
        }
    }
}
