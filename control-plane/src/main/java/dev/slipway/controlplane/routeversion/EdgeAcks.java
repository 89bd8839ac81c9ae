package dev.slipway.controlplane.routeversion;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which route version each edge serves: an edge's long-poll says {@code since=<the version it applied>}. An edge that
 * has not polled for {@link #FORGET_AFTER} is considered gone. Kept in PostgreSQL ({@code edge_acks}, database time),
 * because an edge may poll one control plane while another waits for every edge to serve a version (an ACME
 * challenge route). Thread-safe.
 */
@Component
public class EdgeAcks {

    /** Longer than the longest poll (60 s) plus a retry, so a live edge is never forgotten between two polls. */
    static final Duration FORGET_AFTER = Duration.ofSeconds(90);

    private final JdbcClient jdbc;

    EdgeAcks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records what {@code edge} serves now; rows of edges gone silent are deleted on the way. */
    public void reported(String edge, long version) {
        jdbc.sql("""
                WITH gone AS (DELETE FROM edge_acks WHERE seen_at < now() - make_interval(secs => ?))
                INSERT INTO edge_acks (edge_id, version, seen_at) VALUES (?, ?, now())
                ON CONFLICT (edge_id) DO UPDATE SET version = EXCLUDED.version, seen_at = EXCLUDED.seen_at""")
                .params(FORGET_AFTER.toSeconds(), edge, version).update();
    }

    /** Whether at least one edge is live and every live edge serves {@code version} or newer. */
    public boolean allEdgesAt(long version) {
        return jdbc.sql("""
                SELECT count(*) > 0 AND COALESCE(bool_and(version >= ?), FALSE) FROM edge_acks
                WHERE seen_at >= now() - make_interval(secs => ?)""")
                .params(version, FORGET_AFTER.toSeconds()).query(Boolean.class).single();
    }

    /** Polls {@link #allEdgesAt} until it holds or {@code wait} runs out. */
    public boolean awaitAllEdgesAt(long version, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!allEdgesAt(version)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
