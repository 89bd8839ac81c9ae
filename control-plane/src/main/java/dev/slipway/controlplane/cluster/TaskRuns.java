package dev.slipway.controlplane.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code task_runs} log: what ran on which control plane, from when to when (database time), for an observer to
 * check that a task ran once per interval and never on two control planes at once. Bounded: rows older than
 * {@link #KEPT} are deleted as new ones are written.
 */
@Repository
class TaskRuns {

    static final Duration KEPT = Duration.ofHours(1);

    private final JdbcClient jdbc;

    TaskRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run that started at {@code startedAt} (database time) and ends now; returns its id. */
    long record(String name, String holder, Instant startedAt) {
        return jdbc.sql("""
                WITH pruned AS (DELETE FROM task_runs WHERE name = ? AND started_at < now() - make_interval(secs => ?))
                INSERT INTO task_runs (name, holder, started_at, finished_at) VALUES (?, ?, ?, now()) RETURNING id""")
                .params(name, KEPT.toSeconds(), name, holder, Timestamp.from(startedAt)).query(Long.class).single();
    }

    /** A long-running loop still holds its lock: its run lasts until now at least. */
    void extend(long id) {
        jdbc.sql("UPDATE task_runs SET finished_at = now() WHERE id = ?").param(id).update();
    }
}
