package dev.slipway.controlplane.route;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.protocol.edge.RouteSnapshot;
import java.time.Duration;
import java.util.Optional;
import dev.slipway.controlplane.support.ComputeAccessKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The versioned route snapshot edges long-poll. Every change that affects serving calls {@link #bumpVersion()} in
 * its own transaction (so version and data commit together) and {@link #notifyChanged()} after the commit.
 */
@Service
public class RouteFeed {

    /** Re-read the version this often while waiting, for changes committed by another control plane. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final RouteSnapshots snapshots;
    private final ChangeSignal signal = new ChangeSignal();

    RouteFeed(JdbcClient jdbc, JsonColumns json, ControlPlaneProperties properties, ComputeAccessKey computeKey) {
        this.jdbc = jdbc;
        this.snapshots = new RouteSnapshots(jdbc, json, properties.baseDomain(), computeKey.value());
    }

    /** Call inside the transaction that changes what is served. */
    public void bumpVersion() {
        jdbc.sql("UPDATE route_state SET version = version + 1 WHERE id = 1").update();
    }

    /** {@link #bumpVersion()} that also says which version the change will be served at. */
    public long bumpVersionReturning() {
        return jdbc.sql("UPDATE route_state SET version = version + 1 WHERE id = 1 RETURNING version")
                .query(Long.class).single();
    }

    /** Call after that transaction committed: wakes waiting edges at once. */
    public void notifyChanged() {
        signal.signal();
    }

    public long currentVersion() {
        return jdbc.sql("SELECT version FROM route_state WHERE id = 1").query(Long.class).single();
    }

    /** The snapshot once its version passes {@code since}, or empty when {@code wait} ran out first. */
    public Optional<RouteSnapshot> awaitNewerThan(long since, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long generation = signal.generation();
            long version = currentVersion();
            if (version > since) {
                return Optional.of(snapshot(version));
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            signal.awaitAfter(generation, Duration.ofNanos(Math.min(remaining, RECHECK.toNanos())));
        }
    }

    /**
     * Sites at a version. Read after the version, so data may be newer than its label; an edge then sees the next
     * version on its next poll, never an older state under a newer label.
     */
    RouteSnapshot snapshot(long version) {
        return snapshots.read(version);
    }
}
