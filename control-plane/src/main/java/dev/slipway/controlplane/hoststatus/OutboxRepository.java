package dev.slipway.controlplane.hoststatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The git host outbox table; see V9__git_host_statuses.sql for its rules. */
@Repository
class OutboxRepository {

    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Supersedes the key's unsent, unclaimed calls and adds this one; call in the transaction of the change. */
    void enqueue(String appId, String key, String kind, String payload) {
        jdbc.sql("""
                UPDATE git_host_outbox SET state = 'SUPERSEDED'
                WHERE outbox_key = ? AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())""")
                .param(key).update();
        jdbc.sql("INSERT INTO git_host_outbox (app_id, outbox_key, kind, payload) VALUES (?, ?, ?, ?::jsonb)")
                .params(appId, key, kind, payload).update();
    }

    /** Claims due calls, at most one per key (the oldest unsent), for {@code claim}; a crashed sender's claim lapses. */
    List<OutboxEntry> claimDue(int limit, Duration claim) {
        return jdbc.sql("""
                WITH due AS (
                  SELECT o.id FROM git_host_outbox o
                  WHERE o.state = 'PENDING' AND o.next_attempt_at <= now()
                    AND (o.claimed_until IS NULL OR o.claimed_until < now())
                    AND NOT EXISTS (SELECT 1 FROM git_host_outbox e
                                    WHERE e.outbox_key = o.outbox_key AND e.state = 'PENDING' AND e.id < o.id)
                  ORDER BY o.id LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE git_host_outbox o SET claimed_until = now() + make_interval(secs => ?)
                FROM due WHERE o.id = due.id RETURNING o.*""")
                .params(limit, claim.toMillis() / 1000.0)
                .query(OutboxRepository::map).list();
    }

    void markSent(long id, int attempts) {
        jdbc.sql("""
                UPDATE git_host_outbox SET state = 'SENT', attempts = ?, sent_time = now(), claimed_until = NULL,
                  last_error = NULL WHERE id = ?""").params(attempts, id).update();
    }

    /** Schedules another attempt, unless a newer call of the same key already waits (then this one is moot). */
    void retryLater(OutboxEntry entry, int attempts, Duration wait, String error) {
        jdbc.sql("""
                UPDATE git_host_outbox o SET attempts = ?, last_error = ?, claimed_until = NULL,
                  next_attempt_at = now() + make_interval(secs => ?),
                  state = CASE WHEN EXISTS (SELECT 1 FROM git_host_outbox n WHERE n.outbox_key = o.outbox_key
                                            AND n.state = 'PENDING' AND n.id > o.id) THEN 'SUPERSEDED' ELSE 'PENDING' END
                WHERE id = ?""")
                .params(attempts, truncate(error), wait.toMillis() / 1000.0, entry.id()).update();
    }

    void markFailed(long id, int attempts, String error) {
        jdbc.sql("UPDATE git_host_outbox SET state = 'FAILED', attempts = ?, last_error = ?, claimed_until = NULL "
                + "WHERE id = ?").params(attempts, truncate(error), id).update();
    }

    List<OutboxEntry> list(String appId, int limit) {
        return jdbc.sql("SELECT * FROM git_host_outbox WHERE app_id = ? ORDER BY id DESC LIMIT ?")
                .params(appId, limit).query(OutboxRepository::map).list();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    private static OutboxEntry map(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getString("app_id"), rs.getString("outbox_key"),
                rs.getString("kind"), rs.getString("payload"), rs.getString("state"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "create_time"), instant(rs, "next_attempt_at"),
                instant(rs, "sent_time"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
