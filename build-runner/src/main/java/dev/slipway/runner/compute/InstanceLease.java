package dev.slipway.runner.compute;

import java.time.Instant;

/** A request's hold on a running instance; {@link #release()} exactly once when the exchange ends. */
final class InstanceLease {
    final ComputeInstance instance;
    final ComputeContainers.Started target;
    final Instant acquiredAt = Instant.now();

    InstanceLease(ComputeInstance instance, ComputeContainers.Started target) {
        this.instance = instance;
        this.target = target;
    }

    int port() {
        return target.hostPort();
    }

    void release() {
        synchronized (instance) {
            instance.inFlight--;
            instance.lastActivityNanos = System.nanoTime();
        }
    }
}
