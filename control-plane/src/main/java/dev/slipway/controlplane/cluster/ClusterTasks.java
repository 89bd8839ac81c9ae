package dev.slipway.controlplane.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs each background task on one control plane at a time, however many share the database. A task's lock is a
 * lease in PostgreSQL ({@link TaskLocks}) held for {@code slipway.control-plane.task-lock-hold}
 * ({@code SLIPWAY_TASK_LOCK_HOLD}, 30 s) and renewed every third of that while this process lives, so the holder
 * keeps its tasks and the others skip them; a holder killed with -9 stops renewing, and the next tick of another
 * control plane after the hold takes the task over.
 * <ul>
 * <li>{@link #runExclusive}: a periodic tick (reaper, sweeps, GC): runs here if the lock is or becomes ours, else
 * skips this tick. Each run is logged in {@code task_runs}.</li>
 * <li>{@link #claim}: a long-running loop (outbox sender) asks before each round; it stops working as soon as the
 * lock is lost (a renewal failed or the lease ran out without one).</li>
 * <li>{@link #runWhenFree}: a one-off job (GC of a removed branch) that waits for the lock and gives it back.</li>
 * </ul>
 * Whether this process still holds a lock is judged without the wall clock: a lease taken by a statement sent at
 * local (monotonic) time t ends no earlier than t + hold in the database, so the holder stops before anyone else can
 * start. Thread-safe.
 */
@Component
public class ClusterTasks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterTasks.class);

    private final TaskLocks locks;
    private final TaskRuns runs;
    private final Duration hold;
    private final String holder;
    /** Task name -> monotonic time (System.nanoTime) until which this process surely holds its lock. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    /** Loop task name -> its task_runs row, extended at each renewal. */
    private final Map<String, Long> loopRuns = new ConcurrentHashMap<>();
    private volatile Thread renewal;

    ClusterTasks(TaskLocks locks, TaskRuns runs, @Value("${slipway.control-plane.task-lock-hold:30s}") Duration hold) {
        if (hold.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("slipway.control-plane.task-lock-hold must be at least 1s: " + hold);
        }
        this.locks = locks;
        this.runs = runs;
        this.hold = hold;
        this.holder = hostName() + "/" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** This process's name in {@code task_locks} and {@code task_runs}: host name, pid and a random part. */
    public String holder() {
        return holder;
    }

    /**
     * Runs {@code work} now if this control plane holds, or can take, the lock of {@code task}; keeps the lock for the
     * next tick. Returns false (work not run) when another control plane holds it or the database is unreachable.
     */
    public boolean runExclusive(String task, Runnable work) {
        Optional<TaskLocks.Taken> taken = take(task);
        if (taken.isEmpty()) {
            return false;
        }
        try {
            work.run();
        } finally {
            recordRun(task, taken.get());
        }
        return true;
    }

    /**
     * Whether this control plane holds the lock of the loop {@code task}, taking it when it is free. A loop asks
     * before each round of work and only sleeps when the answer is no.
     */
    public boolean claim(String task) {
        if (isHeld(task)) {
            return true;
        }
        Optional<TaskLocks.Taken> taken = take(task);
        taken.ifPresent(t -> {
            try {
                loopRuns.put(task, runs.record(task, holder, t.databaseNow()));
            } catch (RuntimeException e) {
                log.warn("Could not log that task {} started here: {}", task, e.toString());
            }
        });
        return taken.isPresent();
    }

    /** Whether this process holds the lock of {@code task} right now, without asking the database. */
    public boolean isHeld(String task) {
        Long until = held.get(task);
        return until != null && until - System.nanoTime() > 0;
    }

    /**
     * Waits up to {@code maxWait} for the lock of {@code task}, runs {@code work} under it and frees it. Returns false
     * when the lock stayed taken that long (work not run).
     */
    public boolean runWhenFree(String task, Duration maxWait, Runnable work) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            boolean wasHeld = isHeld(task);
            if (runExclusive(task, work)) {
                if (!wasHeld) {
                    release(task);
                }
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(Math.min(1000, hold.toMillis() / 3));
        }
    }

    private Optional<TaskLocks.Taken> take(String task) {
        long sent = System.nanoTime();
        try {
            Optional<TaskLocks.Taken> taken = locks.acquire(task, holder, hold);
            if (taken.isEmpty()) {
                lost(task, "it is held by another control plane");
                return taken;
            }
            if (held.put(task, sent + hold.toNanos()) == null) {
                log.info("Task {} runs on this control plane ({}){}", task, holder,
                        taken.get().previousHolder() == null || taken.get().previousHolder().equals(holder) ? ""
                                : ", taken over from " + taken.get().previousHolder());
            }
            return taken;
        } catch (RuntimeException e) {
            log.warn("Task {} skipped: its lock could not be read: {}", task, e.toString());
            return Optional.empty();
        }
    }

    private void recordRun(String task, TaskLocks.Taken taken) {
        try {
            runs.record(task, holder, taken.databaseNow());
        } catch (RuntimeException e) {
            log.warn("Could not log a run of task {}: {}", task, e.toString());
        }
    }

    private void lost(String task, String why) {
        if (held.remove(task) != null) {
            loopRuns.remove(task);
            log.warn("Task {} no longer runs on this control plane: {}", task, why);
        }
    }

    /** @return false when the database could not be reached (the lock lapses after the hold) */
    private boolean release(String task) {
        held.remove(task);
        loopRuns.remove(task);
        try {
            locks.release(task, holder);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not free the lock of task {}; it lapses after {}: {}", task, hold, e.toString());
            return false;
        }
    }

    /** Renews every lock this process holds, a third of the hold apart, until stopped. */
    private void renewLoop() {
        while (renewal == Thread.currentThread()) {
            try {
                Thread.sleep(hold.dividedBy(3));
            } catch (InterruptedException e) {
                return;
            }
            renewAll();
        }
    }

    void renewAll() {
        Set<String> names = Set.copyOf(held.keySet());
        long sent = System.nanoTime();
        try {
            Set<String> renewed = locks.renew(names, holder, hold);
            for (String task : names) {
                if (renewed.contains(task)) {
                    held.computeIfPresent(task, (name, until) -> sent + hold.toNanos());
                    Long run = loopRuns.get(task);
                    if (run != null) {
                        runs.extend(run);
                    }
                } else {
                    lost(task, "another control plane took it over");
                }
            }
        } catch (RuntimeException e) {
            // a lease not renewed stays ours until it ends; isHeld() turns false then, without the database
            log.warn("Could not renew task locks ({}): {}", names, e.toString());
        }
    }

    @Override
    public void start() {
        log.info("Background tasks run under locks in PostgreSQL as {} (hold {})", holder, hold);
        Thread thread = Thread.ofVirtual().name("task-lock-renewal").unstarted(this::renewLoop);
        renewal = thread;
        thread.start();
    }

    /** A clean shutdown frees this process's locks, so another control plane takes its tasks at its next tick. */
    @Override
    public void stop() {
        Thread running = renewal;
        renewal = null;
        if (running != null) {
            running.interrupt();
        }
        for (String task : Set.copyOf(held.keySet())) {
            if (!release(task)) {
                // the database is gone: each further attempt would wait the pool's timeout for nothing
                log.warn("Not freeing the other task locks ({}); they lapse after {}", held.keySet(), hold);
                held.clear();
                loopRuns.clear();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return renewal != null;
    }

    /** Stops after the loops that use the locks (they stop in the default, later-stopping phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }
}
