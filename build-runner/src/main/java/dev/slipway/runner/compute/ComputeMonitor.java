package dev.slipway.runner.compute;

import dev.slipway.protocol.ssr.ComputeRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this host's instances, called about once a second: restarts crashed ones (with the backoff their instance
 * holds), stops idle ones (scale to zero) and drains deployments no longer live, whose state it re-reads from the
 * control plane every {@code runtimeRefresh}.
 */
final class ComputeMonitor {

    static final Duration RUNTIME_REFRESH = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ComputeMonitor.class);

    private final ComputeInstances instances;
    private final ComputeContainers containers;
    private final ComputeControlClient control;
    private final Duration idleTimeout;
    private final Duration drainAfter;
    private final Duration runtimeRefresh;
    private volatile long lastRefreshNanos = System.nanoTime();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    ComputeMonitor(ComputeInstances instances, ComputeContainers containers, ComputeControlClient control,
                   Duration idleTimeout, Duration drainAfter, Duration runtimeRefresh) {
        this.instances = instances;
        this.containers = containers;
        this.control = control;
        this.idleTimeout = idleTimeout;
        this.drainAfter = drainAfter;
        this.runtimeRefresh = runtimeRefresh;
    }

    /** The monitor: crashes, restarts due, idle and drained instances; runtimes re-read every runtimeRefresh. */
    void tick() {
        Map<String, Boolean> running;
        try {
            running = containers.runningByContainer();
        } catch (RuntimeException e) {
            log.debug("could not list compute containers: {}", e.getMessage());
            return;
        }
        if (System.nanoTime() - lastRefreshNanos >= runtimeRefresh.toNanos() && refreshing.compareAndSet(false, true)) {
            lastRefreshNanos = System.nanoTime();
            // off the monitor's thread: a slow control plane must not delay crash detection
            Thread.ofVirtual().name("compute-runtime-refresh").start(() -> {
                try {
                    refreshRuntimes();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        long now = System.nanoTime();
        for (ComputeInstance instance : instances.all()) {
            String crashedContainer = null;
            String stopReason = null;
            synchronized (instance) {
                long idle = instance.idleNanos(now);
                if (instance.phase == ComputeInstance.Phase.STARTING) {
                    continue;
                }
                if (idle >= idleTimeout.toNanos()) {
                    stopReason = "idle for " + idleTimeout.toSeconds() + " s";
                } else if (!instance.live() && idle >= drainAfter.toNanos()) {
                    stopReason = "no longer live and idle for " + drainAfter.toSeconds() + " s";
                } else if (instance.phase == ComputeInstance.Phase.RUNNING
                        && !Boolean.TRUE.equals(running.get(instance.current.containerId()))) {
                    crashedContainer = instance.current.containerId();
                } else if (instance.phase == ComputeInstance.Phase.BACKOFF && now >= instance.restartAtNanos
                        && !instance.lastStartFailed) {
                    // crashed apps come back on their own; an app that never started waits for the next request
                    instances.beginStart(instance);
                }
            }
            if (stopReason != null) {
                instances.stop(instance, stopReason);
            } else if (crashedContainer != null) {
                // the list was taken before this instance may have finished starting: ask about this container
                ComputeContainers.State state = containers.state(crashedContainer);
                if (state == null || !state.running()) {
                    instances.crashed(instance, crashedContainer, state);
                }
            }
        }
    }

    private void refreshRuntimes() {
        for (ComputeInstance instance : instances.all()) {
            try {
                Optional<ComputeRuntime> runtime = control.fetchRuntime(instance.deploymentId);
                synchronized (instance) {
                    if (runtime.isPresent()) {
                        instance.runtime = runtime.get();
                    } else if (instance.runtime != null) {
                        // deleted deployments drain like replaced ones
                        ComputeRuntime old = instance.runtime;
                        instance.runtime = new ComputeRuntime(old.deploymentId(), old.appId(), old.branchName(),
                                old.manifestHash(), old.environment(), old.secretValues(), false);
                    }
                }
            } catch (IOException e) {
                log.debug("could not refresh the runtime of deployment {}: {}", instance.deploymentId, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
