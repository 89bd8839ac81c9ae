package dev.slipway.controlplane.incoming;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A token bucket per incoming webhook ({@value #CAPACITY} calls at once, then one every {@link #REFILL_EVERY}): a
 * script calling its URL in a loop cannot fill the build queue. Kept in PostgreSQL so the limit holds for the whole
 * cluster, whichever control plane a call reaches. The bucket is stored as its theoretical arrival time (GCRA): a
 * call is allowed while that time is at most {@code (CAPACITY - 1) * REFILL_EVERY} ahead of now, and moves it one
 * {@code REFILL_EVERY} later, so one statement checks and takes a token atomically, on the database's clock.
 */
@Component
class StartRateLimiter {

    static final int CAPACITY = 10;
    static final Duration REFILL_EVERY = Duration.ofSeconds(6);
    private static final Duration BURST = REFILL_EVERY.multipliedBy(CAPACITY - 1);

    private final JdbcClient jdbc;

    StartRateLimiter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one token; empty when allowed, else how long until the next token. */
    Optional<Duration> acquire(UUID webhookId) {
        // the WITH's statement and the SELECT see the same snapshot: `waiting` reads the time before this call
        return jdbc.sql("""
                WITH taken AS (
                  INSERT INTO start_rate_limits AS l (webhook_id, tat)
                  VALUES (:id, now() + make_interval(secs => :refill))
                  ON CONFLICT (webhook_id) DO UPDATE SET tat = greatest(l.tat, now()) + make_interval(secs => :refill)
                  WHERE l.tat <= now() + make_interval(secs => :burst)
                  RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM taken),
                       (SELECT extract(epoch FROM tat - now()) - :burst FROM start_rate_limits WHERE webhook_id = :id)""")
                .param("id", webhookId).param("refill", (double) REFILL_EVERY.toSeconds())
                .param("burst", (double) BURST.toSeconds())
                .query((rs, n) -> rs.getBoolean(1) ? Optional.<Duration>empty()
                        : Optional.of(Duration.ofMillis((long) Math.ceil(rs.getDouble(2) * 1000))))
                .single();
    }

    void forget(UUID webhookId) {
        jdbc.sql("DELETE FROM start_rate_limits WHERE webhook_id = ?").param(webhookId).update();
    }
}
