package dev.slipway.controlplane.routeversion;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The version of what edges serve. Every change that affects serving calls {@link #bumpVersion()} in its own
 * transaction (so version and data commit together) and {@link #notifyChanged()} after the commit. A feature of its
 * own, depending on nothing but support, so that the features whose changes are served (apps, branches, deployments,
 * domains, compute) do not depend on the route feature that reads them all into snapshots.
 */
@Service
public class RouteVersion {

    private final JdbcClient jdbc;
    private final PgNotifications notifications;
    private final ChangeSignal signal;

    RouteVersion(JdbcClient jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.signal = notifications.signal(Channel.ROUTES);
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

    public long current() {
        return jdbc.sql("SELECT version FROM route_state WHERE id = 1").query(Long.class).single();
    }

    /** The current version once it passes {@code since}, or empty when {@code wait} ran out first. */
    public OptionalLong awaitNewerThan(long since, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long generation = signal.generation();
            long version = current();
            if (version > since) {
                return OptionalLong.of(version);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return OptionalLong.empty();
            }
            signal.awaitAfter(generation, Duration.ofNanos(Math.min(remaining, notifications.recheck().toNanos())));
        }
    }
}
