package dev.slipway.controlplane.route;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
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

    private final JdbcClient jdbc;
    private final RouteSnapshots snapshots;
    private final PgNotifications notifications;
    private final ChangeSignal signal;

    RouteFeed(JdbcClient jdbc, JsonColumns json, ControlPlaneProperties properties, ComputeAccessKey computeKey,
            PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.signal = notifications.signal(Channel.ROUTES);
        this.snapshots = new RouteSnapshots(jdbc, json, properties.baseDomain(), computeKey.value());
    }

    /** Call inside the transaction that changes what is served; edges on every control plane wake on commit. */
    public void bumpVersion() {
        jdbc.sql("UPDATE route_state SET version = version + 1 WHERE id = 1").update();
        notifications.publish(Channel.ROUTES);
    }

    /** {@link #bumpVersion()} that also says which version the change will be served at. */
    public long bumpVersionReturning() {
        long version = jdbc.sql("UPDATE route_state SET version = version + 1 WHERE id = 1 RETURNING version")
                .query(Long.class).single();
        notifications.publish(Channel.ROUTES);
        return version;
    }

    /** Call after that transaction committed: wakes this process's waiting edges at once. */
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
            signal.awaitAfter(generation, Duration.ofNanos(Math.min(remaining, notifications.recheck().toNanos())));
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
