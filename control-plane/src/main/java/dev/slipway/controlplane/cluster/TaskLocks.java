package dev.slipway.controlplane.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code task_locks} table: one lease per background task, shared by every control plane. Each statement is its
 * own transaction and reads the database's clock ({@code now()}), never a control plane's, so holders with skewed
 * clocks agree on when a lease ends. A lease whose holder stops renewing it (the process died, or lost the database)
 * is free once {@code expires_at} has passed; until then nobody else can take it. Thread-safe.
 */
@Repository
class TaskLocks {

    private final JdbcClient jdbc;

    TaskLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code holder} has the lock now.
     *
     * @param databaseNow    the database's time when it was taken or renewed (the lease ends {@code hold} later)
     * @param previousHolder who had the row before this statement (null: nobody); another holder means a take-over
     */
    record Taken(Instant databaseNow, String previousHolder) {
    }

    /**
     * Takes the lock if it is free (no row, or its lease ended) or renews it if {@code holder} has it already, in one
     * statement: two control planes racing for a free lock both reach the row, and PostgreSQL lets exactly one of
     * them update it (the other then sees a lease that has not ended). Empty when another holder's lease runs.
     */
    Optional<Taken> acquire(String name, String holder, Duration hold) {
        return jdbc.sql("""
                WITH previous AS (SELECT holder FROM task_locks WHERE name = :name)
                INSERT INTO task_locks AS l (name, holder, acquired_at, expires_at)
                VALUES (:name, :holder, now(), now() + make_interval(secs => :hold))
                ON CONFLICT (name) DO UPDATE SET
                  holder = EXCLUDED.holder,
                  acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END,
                  expires_at = EXCLUDED.expires_at
                WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()
                RETURNING now(), (SELECT holder FROM previous)""")
                .param("name", name).param("holder", holder).param("hold", seconds(hold))
                .query((rs, n) -> new Taken(rs.getTimestamp(1).toInstant(), rs.getString(2))).optional();
    }

    /**
     * Extends the leases {@code holder} still has among {@code names} by {@code hold} from now; returns those it
     * extended. A name missing from the answer was taken over by another holder (after this one's lease ended).
     */
    Set<String> renew(Collection<String> names, String holder, Duration hold) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                UPDATE task_locks SET expires_at = now() + make_interval(secs => ?)
                WHERE holder = ? AND name = ANY (?) RETURNING name""")
                .params(seconds(hold), holder, names.toArray(String[]::new)).query(String.class).list());
    }

    /** Frees the lock at once if {@code holder} has it (a clean shutdown: another control plane need not wait). */
    void release(String name, String holder) {
        jdbc.sql("DELETE FROM task_locks WHERE name = ? AND holder = ?").params(name, holder).update();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
