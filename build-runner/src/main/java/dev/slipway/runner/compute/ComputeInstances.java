package dev.slipway.runner.compute;

import dev.slipway.runner.metrics.RunnerMeters;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.slipway.protocol.ssr.ComputeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of this host, one per deployment: starts them on demand (one start at a time per deployment, which
 * every concurrent request waits for), restarts crashed ones with backoff, stops idle ones (scale to zero) and drains
 * deployments that are no longer live ({@link ComputeMonitor} decides when).
 */
final class ComputeInstances {

    private static final Logger log = LoggerFactory.getLogger(ComputeInstances.class);

    private final ComputeContainers containers;
    private final InstanceStarter starter;
    private final ComputeControlClient control;
    /** How long a request waits for a start or a restart before it is answered with an error. */
    private final Duration requestWait;
    private final Map<String, ComputeInstance> instances = new ConcurrentHashMap<>();

    ComputeInstances(ComputeContainers containers, InstanceStarter starter, ComputeControlClient control,
                     Duration requestWait) {
        this.containers = containers;
        this.starter = starter;
        this.control = control;
        this.requestWait = requestWait;
        RunnerMeters.computeInstances(instances::size);
    }

    /** Every instance now, for {@link ComputeMonitor}. */
    Collection<ComputeInstance> all() {
        return instances.values();
    }

    /** Blocks until the deployment's instance runs (starting it when needed) and holds it for one request. */
    InstanceLease acquire(String deploymentId, String manifestHash) throws ComputeUnavailable, InterruptedException {
        long deadline = System.nanoTime() + requestWait.toNanos();
        while (true) {
            ComputeInstance instance = instances.computeIfAbsent(deploymentId,
                    id -> new ComputeInstance(id, manifestHash));
            CompletableFuture<ComputeContainers.Started> start;
            long sleepNanos = 0;
            synchronized (instance) {
                if (instance.removed) {
                    continue;
                }
                long now = System.nanoTime();
                instance.lastActivityNanos = now;
                switch (instance.phase) {
                    case RUNNING -> {
                        instance.inFlight++;
                        return new InstanceLease(instance, instance.current);
                    }
                    case STARTING -> start = instance.starting != null ? instance.starting : beginStart(instance);
                    default -> {
                        if (now >= instance.restartAtNanos) {
                            start = beginStart(instance);
                        } else if (instance.restartAtNanos > deadline) {
                            throw ComputeUnavailable.waitingFor(instance, (instance.restartAtNanos - now) / 1_000_000_000 + 1);
                        } else {
                            start = null;
                            sleepNanos = instance.restartAtNanos - now;
                        }
                    }
                }
            }
            if (start == null) {
                TimeUnit.NANOSECONDS.sleep(sleepNanos);
                continue;
            }
            awaitStart(instance, start, deadline);
        }
    }

    /**
     * Where the deployment's app answers, for an edge that proxies to it directly: blocks like {@link #acquire} and
     * counts as a request. {@code failedContainer} names an instance whose address refused a connection: a crash the
     * monitor may not have seen yet, so the instance is checked (and replaced) before the answer.
     */
    ComputeContainers.Started locate(String deploymentId, String manifestHash, String failedContainer)
            throws ComputeUnavailable, InterruptedException {
        ComputeInstance known = instances.get(deploymentId);
        if (failedContainer != null && known != null && isCurrent(known, failedContainer)) {
            ComputeContainers.State state = containers.state(failedContainer);
            if (state == null || !state.running()) {
                crashed(known, failedContainer, state);
            }
        }
        InstanceLease lease = acquire(deploymentId, manifestHash);
        lease.release();
        return lease.target;
    }

    private static boolean isCurrent(ComputeInstance instance, String containerId) {
        synchronized (instance) {
            return instance.current != null && instance.current.containerId().equals(containerId);
        }
    }

    /** Edges proxying straight to instances report their requests here: each counts as activity now. */
    void used(Collection<String> deploymentIds) {
        long now = System.nanoTime();
        for (String id : deploymentIds) {
            ComputeInstance instance = instances.get(id);
            if (instance != null) {
                synchronized (instance) {
                    instance.lastActivityNanos = now;
                }
            }
        }
    }

    /** Deployment id to container, for every instance running now. */
    Map<String, String> running() {
        Map<String, String> running = new HashMap<>();
        for (ComputeInstance instance : instances.values()) {
            synchronized (instance) {
                if (instance.phase == ComputeInstance.Phase.RUNNING && !instance.removed) {
                    running.put(instance.deploymentId, instance.current.containerId());
                }
            }
        }
        return running;
    }

    private void awaitStart(ComputeInstance instance, CompletableFuture<ComputeContainers.Started> start,
                            long deadline) throws ComputeUnavailable, InterruptedException {
        try {
            start.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ComputeUnavailable unavailable) {
                throw unavailable;
            }
            throw new ComputeUnavailable(502, "the app of deployment " + instance.deploymentId
                    + " could not start: " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new ComputeUnavailable(503, "the app of deployment " + instance.deploymentId
                    + " is still starting", 5);
        }
    }

    /** Caller holds the instance's lock. */
    CompletableFuture<ComputeContainers.Started> beginStart(ComputeInstance instance) {
        CompletableFuture<ComputeContainers.Started> start = new CompletableFuture<>();
        instance.phase = ComputeInstance.Phase.STARTING;
        instance.starting = start;
        Thread.ofVirtual().name("compute-start-" + instance.deploymentId).start(() -> runStart(instance, start));
        return start;
    }

    private void runStart(ComputeInstance instance, CompletableFuture<ComputeContainers.Started> start) {
        ComputeContainers.Started started = null;
        Exception failure = null;
        try {
            ComputeRuntime runtime = control.runtime(instance.deploymentId).orElseThrow(() -> new ComputeUnavailable(
                    404, "the control plane knows no deployment " + instance.deploymentId));
            String manifestHash;
            synchronized (instance) {
                instance.runtime = runtime;
                if (instance.manifestHash == null) {
                    instance.manifestHash = runtime.manifestHash();
                }
                manifestHash = instance.manifestHash;
            }
            started = starter.start(instance, runtime, manifestHash);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (Exception e) {
            failure = e;
        }
        boolean keep;
        synchronized (instance) {
            keep = !instance.removed && instance.starting == start;
            if (keep && started != null) {
                instance.phase = ComputeInstance.Phase.RUNNING;
                instance.current = started;
                instance.starting = null;
                instance.startedAtNanos = System.nanoTime();
            } else if (keep) {
                String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                log.warn("compute instance of deployment {} could not start: {}", instance.deploymentId, reason);
                instance.scheduleRestart(reason, true, System.nanoTime());
                if (failure instanceof ComputeUnavailable) {
                    // an unknown deployment will not start by retrying: forget it, as if never asked
                    instance.removed = true;
                    instances.remove(instance.deploymentId, instance);
                }
            }
        }
        if (started != null && !keep) {
            containers.remove(started.containerId());
        }
        if (started != null && keep) {
            start.complete(started);
        } else {
            start.completeExceptionally(failure != null ? failure : new IOException("stopped while starting"));
        }
    }

    /**
     * A request to this lease's instance failed before any answer. Waits briefly for the container to be seen
     * stopped (a crash as the request ran, the {@code process.exit} case) and schedules its restart.
     *
     * @return true when the container had already stopped before the request was sent, so repeating the request
     *         cannot be what crashes the app again
     */
    boolean requestFailed(InstanceLease lease) throws InterruptedException {
        ComputeContainers.State state = null;
        for (int i = 0; i < 20; i++) {
            state = containers.state(lease.target.containerId());
            if (state == null || !state.running()) {
                break;
            }
            Thread.sleep(100);
        }
        if (state != null && state.running()) {
            return false;
        }
        crashed(lease.instance, lease.target.containerId(), state);
        return state == null || (state.finishedAt() != null && state.finishedAt().isBefore(lease.acquiredAt));
    }

    /** Schedules the restart of an instance whose container {@code containerId} stopped, unless it was replaced. */
    void crashed(ComputeInstance instance, String containerId, ComputeContainers.State state) {
        synchronized (instance) {
            if (instance.removed || instance.current == null || !instance.current.containerId().equals(containerId)) {
                return;
            }
            String reason = state == null ? "the container disappeared"
                    : "exited with code " + state.exitCode() + (state.oomKilled() ? " (out of memory)" : "");
            instance.scheduleRestart(reason, false, System.nanoTime());
            log.warn("compute instance of deployment {} {}; restarting in {} ms", instance.deploymentId, reason,
                    (instance.restartAtNanos - System.nanoTime()) / 1_000_000);
        }
        containers.remove(containerId);
    }

    /** Removes an instance that serves no request now and stops its container. */
    void stop(ComputeInstance instance, String reason) {
        String containerId;
        synchronized (instance) {
            if (instance.removed || instance.inFlight > 0) {
                return;
            }
            instance.removed = true;
            instances.remove(instance.deploymentId, instance);
            containerId = instance.current == null ? null : instance.current.containerId();
        }
        log.info("stopping compute instance of deployment {}: {}", instance.deploymentId, reason);
        if (containerId != null) {
            Thread.ofVirtual().name("compute-stop-" + instance.deploymentId)
                    .start(() -> containers.stopAndRemove(containerId));
        }
    }

    /** Removes every instance (host shutting down); waits for their containers to go. */
    void stopAll() {
        List<Thread> stopping = instances.values().stream().map(instance -> {
            String containerId;
            synchronized (instance) {
                instance.removed = true;
                containerId = instance.current == null ? null : instance.current.containerId();
            }
            return containerId == null ? null
                    : Thread.ofVirtual().start(() -> containers.stopAndRemove(containerId));
        }).filter(t -> t != null).toList();
        instances.clear();
        for (Thread t : stopping) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<ComputeInstance.InstanceView> views() {
        long now = System.nanoTime();
        return instances.values().stream().map(i -> i.view(now))
                .sorted(Comparator.comparing(ComputeInstance.InstanceView::deploymentId)).toList();
    }
}
