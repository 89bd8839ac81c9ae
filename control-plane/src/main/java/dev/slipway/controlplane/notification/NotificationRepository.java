package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of V23__notification_rules.sql: an app's rules, and the delivery outbox. */
@Repository
class NotificationRepository {

    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;
    private final JsonColumns json;

    NotificationRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<NotificationRule.Stored> rules(String appId) {
        return jdbc.sql("SELECT rules FROM notification_rules WHERE app_id = ?").param(appId)
                .query(String.class).optional()
                .map(text -> List.of(json.readValue(text, NotificationRule.Stored[].class)))
                .orElse(List.of());
    }

    void saveRules(String appId, List<NotificationRule.Stored> rules) {
        jdbc.sql("""
                INSERT INTO notification_rules (app_id, rules) VALUES (?, ?::jsonb)
                ON CONFLICT (app_id) DO UPDATE SET rules = excluded.rules, update_time = now()""")
                .params(appId, json.writeValue(rules)).update();
    }

    /** Call in the transaction that ended the job. */
    void enqueue(String appId, String branchName, String jobId, String jobStatus, String channel, String target,
            String subject, String body, String secretEnc) {
        jdbc.sql("""
                INSERT INTO notification_deliveries (app_id, branch_name, job_id, job_status, channel, target,
                  subject, body, secret_enc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(appId, branchName, jobId, jobStatus, channel, target, subject, body, secretEnc).update();
    }

    /** Claims due deliveries for {@code claim}; a crashed sender's claim lapses and another attempt follows. */
    List<NotificationDelivery> claimDue(int limit, Duration claim) {
        return jdbc.sql("""
                WITH due AS (
                  SELECT id FROM notification_deliveries
                  WHERE state = 'PENDING' AND next_attempt_at <= now()
                    AND (claimed_until IS NULL OR claimed_until < now())
                  ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE notification_deliveries d SET claimed_until = now() + make_interval(secs => ?)
                FROM due WHERE d.id = due.id RETURNING d.*""")
                .params(limit, claim.toMillis() / 1000.0).query(NotificationRepository::map).list();
    }

    void markSent(long id, int attempts) {
        jdbc.sql("""
                UPDATE notification_deliveries SET state = 'SENT', attempts = ?, sent_time = now(),
                  claimed_until = NULL, last_error = NULL WHERE id = ?""").params(attempts, id).update();
    }

    void retryLater(long id, int attempts, Duration wait, String error) {
        jdbc.sql("""
                UPDATE notification_deliveries SET attempts = ?, last_error = ?, claimed_until = NULL,
                  next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?""")
                .params(attempts, truncate(error), wait.toMillis() / 1000.0, id).update();
    }

    void markFailed(long id, int attempts, String error) {
        jdbc.sql("""
                UPDATE notification_deliveries SET state = 'FAILED', attempts = ?, last_error = ?,
                  claimed_until = NULL WHERE id = ?""").params(attempts, truncate(error), id).update();
    }

    List<NotificationDelivery> list(String appId, int limit) {
        return jdbc.sql("SELECT * FROM notification_deliveries WHERE app_id = ? ORDER BY id DESC LIMIT ?")
                .params(appId, limit).query(NotificationRepository::map).list();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    private static NotificationDelivery map(ResultSet rs, int row) throws SQLException {
        return new NotificationDelivery(rs.getLong("id"), rs.getString("branch_name"), rs.getString("job_id"),
                rs.getString("job_status"), rs.getString("channel"), rs.getString("target"), rs.getString("state"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "create_time"),
                instant(rs, "next_attempt_at"), instant(rs, "sent_time"), rs.getString("subject"),
                rs.getString("body"), rs.getString("secret_enc"), rs.getString("app_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
