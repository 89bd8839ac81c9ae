package dev.slipway.runner.compute;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.slipway.protocol.ssr.ComputeRuntime;

/**
 * The state of one deployment's app on this host. Every field is guarded by the instance's monitor; the
 * {@link ComputeInstances} manager makes all transitions:
 * STARTING → RUNNING → (crash) BACKOFF → STARTING …, and any state → removed (idle, drained, host stopping).
 */
final class ComputeInstance {

    enum Phase { STARTING, RUNNING, BACKOFF }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Up this long, a crash counts as a fresh failure again instead of part of a crash loop. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final int RECENT_LINES = 20;

    final String deploymentId;
    String manifestHash;
    ComputeRuntime runtime;
    Phase phase = Phase.STARTING;
    boolean removed;
    /** Set while a start runs; requests arriving meanwhile wait for this same start. */
    CompletableFuture<ComputeContainers.Started> starting;
    ComputeContainers.Started current;
    long startedAtNanos;
    int inFlight;
    long lastActivityNanos = System.nanoTime();
    long nextBackoffMillis = FIRST_BACKOFF.toMillis();
    long restartAtNanos;
    int restarts;
    String lastError;
    /** The last attempt failed before the app ever answered: a broken app rather than a crashed one. */
    boolean lastStartFailed;
    private final Deque<String> recent = new ArrayDeque<>();

    ComputeInstance(String deploymentId, String manifestHash) {
        this.deploymentId = deploymentId;
        this.manifestHash = manifestHash;
    }

    /** Schedules the next start after a crash or a failed start and grows the delay, 1 s doubling to 60 s. */
    void scheduleRestart(String reason, boolean startFailed, long now) {
        if (!startFailed && current != null && now - startedAtNanos >= STABLE_AFTER.toNanos()) {
            nextBackoffMillis = FIRST_BACKOFF.toMillis();
        }
        phase = Phase.BACKOFF;
        current = null;
        starting = null;
        lastError = reason;
        lastStartFailed = startFailed;
        restartAtNanos = now + nextBackoffMillis * 1_000_000;
        nextBackoffMillis = Math.min(nextBackoffMillis * 2, MAX_BACKOFF.toMillis());
        restarts++;
    }

    long idleNanos(long now) {
        return inFlight > 0 ? 0 : now - lastActivityNanos;
    }

    boolean live() {
        return runtime == null || runtime.live();
    }

    void recordLine(String maskedLine) {
        synchronized (recent) {
            if (recent.size() == RECENT_LINES) {
                recent.removeFirst();
            }
            recent.addLast(maskedLine);
        }
    }

    /** The app's last output lines, for the reason a start failed. */
    List<String> recentLines() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    synchronized InstanceView view(long now) {
        return new InstanceView(deploymentId, runtime == null ? null : runtime.appId(),
                runtime == null ? null : runtime.branchName(), manifestHash, phase.name().toLowerCase(), live(),
                current == null ? null : current.containerId().substring(0, Math.min(12, current.containerId().length())),
                current == null ? null : current.hostPort(),
                current == null ? null : Instant.now().minusNanos(now - startedAtNanos).toString(),
                inFlight, idleNanos(now) / 1_000_000_000, restarts, lastError);
    }

    /** One instance in the health answer. */
    record InstanceView(String deploymentId, String appId, String branchName, String manifestHash, String state,
                        boolean live, String containerId, Integer hostPort, String startedAt, int inFlight,
                        long idleSeconds, int restarts, String lastError) {
    }
}
