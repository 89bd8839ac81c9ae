package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.cluster.ClusterTasks;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_failures} table: failed sign-ins per user-name key and client address, shared by every control
 * plane. Times are the database's, so replicas with skewed clocks agree on when a lock ends.
 */
@Repository
class LoginFailures {

    /** How long an address that signed in stays exempt from a name-wide lock. */
    static final Duration KNOWN_ADDRESS = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final ClusterTasks tasks;
    private final double lockSeconds;

    LoginFailures(JdbcClient jdbc, ClusterTasks tasks) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.lockSeconds = LoginThrottle.LOCK.toSeconds();
    }

    /**
     * @param fromHere   failures of this key from this address in the current run (within the lock of each other)
     * @param everywhere failures of this key from every address in runs still within the lock
     * @param known      this address signed in as this key within {@link #KNOWN_ADDRESS}
     */
    record Counts(int fromHere, int everywhere, boolean known) {
    }

    Counts counts(String key, String address) {
        return jdbc.sql("""
                SELECT COALESCE(max(failures) FILTER (WHERE address = ? AND last_failure > now() - make_interval(secs => ?)), 0),
                       COALESCE(sum(failures) FILTER (WHERE last_failure > now() - make_interval(secs => ?)), 0),
                       COALESCE(bool_or(address = ? AND last_success > now() - make_interval(days => ?)), FALSE)
                FROM login_failures WHERE username_key = ?""")
                .params(address, lockSeconds, lockSeconds, address, (int) KNOWN_ADDRESS.toDays(), key)
                .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getBoolean(3))).single();
    }

    /** One more failure; a run whose last failure is older than the lock starts again at one. */
    void recordFailure(String key, String address) {
        jdbc.sql("""
                INSERT INTO login_failures (username_key, address, failures, window_start, last_failure)
                VALUES (?, ?, 1, now(), now())
                ON CONFLICT (username_key, address) DO UPDATE SET
                  failures = CASE WHEN login_failures.last_failure > now() - make_interval(secs => ?)
                                  THEN login_failures.failures + 1 ELSE 1 END,
                  window_start = CASE WHEN login_failures.last_failure > now() - make_interval(secs => ?)
                                      THEN login_failures.window_start ELSE now() END,
                  last_failure = now()""")
                .params(key, address, lockSeconds, lockSeconds).update();
    }

    /** A sign-in clears this address's failures and remembers the address as the user's. */
    void recordSuccess(String key, String address) {
        jdbc.sql("""
                INSERT INTO login_failures (username_key, address, last_success) VALUES (?, ?, now())
                ON CONFLICT (username_key, address) DO UPDATE SET
                  failures = 0, window_start = NULL, last_failure = NULL, last_success = now()""")
                .params(key, address).update();
    }

    /** Keeps the table to the tries of the last lock period and the known addresses; on one control plane at a time. */
    @Scheduled(fixedDelayString = "${slipway.control-plane.login-failures-sweep:1m}")
    void sweep() {
        tasks.runExclusive("login-failure-sweep", this::expire);
    }

    private void expire() {
        jdbc.sql("""
                DELETE FROM login_failures
                WHERE (last_failure IS NULL OR last_failure < now() - make_interval(secs => ?))
                  AND (last_success IS NULL OR last_success < now() - make_interval(days => ?))""")
                .params(lockSeconds, (int) KNOWN_ADDRESS.toDays()).update();
    }
}
