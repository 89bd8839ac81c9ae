package dev.slipway.controlplane.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who changed what, when and from where; written for every change request (AuditRecorder), read filtered. */
@Service
public class AuditLog {

    private static final int MAX_RESULTS = 500;

    public record Event(long eventId, Instant eventTime, String actor, String via, String action, String target,
            int status, String address) {
    }

    /** What to show: parts of the actor and of the path, each ignored when blank. */
    public record Filter(String actor, String target, int maxResults) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String via, String action, String target, int status, String address) {
        jdbc.sql("INSERT INTO audit_events (actor, via, action, target, status, address) VALUES (?, ?, ?, ?, ?, ?)")
                .params(actor, via, action, target, status, address).update();
    }

    public List<Event> list(Filter filter) {
        return jdbc.sql("""
                SELECT event_id, event_time, actor, via, action, target, status, address FROM audit_events
                WHERE strpos(lower(actor), lower(?)) > 0 AND strpos(lower(target), lower(?)) > 0
                ORDER BY event_id DESC LIMIT ?""")
                .params(blankIfNull(filter.actor()), blankIfNull(filter.target()),
                        Math.clamp(filter.maxResults(), 1, MAX_RESULTS))
                .query((rs, n) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)))
                .list();
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text.trim();
    }
}
