package dev.slipway.controlplane.compute;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.Refusal;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The compute hosts edges may proxy SSR requests to. A host is added by its first heartbeat and forgotten after
 * {@link #FORGET_AFTER} of silence; either change bumps the route version so edges learn it on their next poll.
 * Kept in the database, so a control plane restart does not empty the list edges get.
 */
@Service
public class ComputeHosts {

    private static final Logger log = LoggerFactory.getLogger(ComputeHosts.class);
    /** Many heartbeats (every 5 s), so a busy host is never dropped for one slow beat. */
    static final Duration FORGET_AFTER = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final RouteVersion routes;
    private final TransactionTemplate tx;
    private final ClusterTasks tasks;
    private final Instant started = Instant.now();
    private final ComputeHostVerifier verifier = new ComputeHostVerifier();

    ComputeHosts(JdbcClient jdbc, RouteVersion routes, TransactionTemplate tx, ClusterTasks tasks) {
        this.jdbc = jdbc;
        this.routes = routes;
        this.tx = tx;
        this.tasks = tasks;
    }

    /**
     * Records a beat from the compute host at {@code url}. A URL edges do not know yet is listed only once a compute
     * host holding {@code runnerToken} answers there ({@link ComputeHostVerifier}).
     *
     * @throws Refusal 400 when the URL cannot be verified
     */
    public void heartbeat(String hostId, String url, String runnerToken) {
        if (!isKnown(url)) {
            verifier.verify(url, runnerToken).ifPresent(reason -> {
                throw Refusal.invalid("No compute host could be verified at " + url + ": " + reason
                        + ". Set SLIPWAY_COMPUTE_ADVERTISED_URL to an address this control plane reaches.");
            });
        }
        boolean added = Boolean.TRUE.equals(tx.execute(status -> {
            boolean known = jdbc.sql("SELECT 1 FROM compute_hosts WHERE url = ? FOR UPDATE").param(url)
                    .query(Integer.class).optional().isPresent();
            jdbc.sql("""
                    INSERT INTO compute_hosts (url, host_id, last_seen) VALUES (?, ?, now())
                    ON CONFLICT (url) DO UPDATE SET host_id = EXCLUDED.host_id, last_seen = now()""")
                    .params(url, hostId).update();
            if (!known) {
                routes.bumpVersion();
            }
            return !known;
        }));
        if (added) {
            log.info("Compute host {} ({}) joined", url, hostId);
            routes.notifyChanged();
        }
    }

    private boolean isKnown(String url) {
        return jdbc.sql("SELECT 1 FROM compute_hosts WHERE url = ?").param(url).query(Integer.class).optional()
                .isPresent();
    }

    /**
     * Hosts silent for too long leave the snapshot; not before every host had time to beat since this start. On one
     * control plane at a time.
     */
    @Scheduled(fixedDelayString = "${slipway.control-plane.compute-host-check:10s}")
    void check() {
        tasks.runExclusive("compute-host-check", this::forgetSilentHosts);
    }

    private void forgetSilentHosts() {
        if (Instant.now().isBefore(started.plus(FORGET_AFTER))) {
            return;
        }
        Integer removed = tx.execute(status -> {
            int n = jdbc.sql("DELETE FROM compute_hosts WHERE last_seen < now() - make_interval(secs => ?)")
                    .param(FORGET_AFTER.toSeconds()).update();
            if (n > 0) {
                routes.bumpVersion();
            }
            return n;
        });
        if (removed != null && removed > 0) {
            log.warn("Forgot {} compute host(s) silent for {} s", removed, FORGET_AFTER.toSeconds());
            routes.notifyChanged();
        }
    }
}
