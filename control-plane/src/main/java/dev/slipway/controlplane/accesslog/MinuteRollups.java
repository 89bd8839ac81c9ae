package dev.slipway.controlplane.accesslog;

import dev.slipway.protocol.accesslog.AccessLogEntry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-minute counts per app and branch ({@code access_log_minutes}): what the Monitoring page draws. Several control
 * planes add to the same minute, so each batch adds its counts to the row (latency buckets element by element).
 */
@Component
public class MinuteRollups {

    private final JdbcClient jdbc;

    MinuteRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One app's (and branch's, '' = none) counts of one minute; {@code latency} as {@link LatencyBuckets}. */
    public record Minute(String branch, Instant minute, long requests, long bytes, long errors4xx, long errors5xx,
                         long blocked, long[] latency) {
    }

    void add(List<AccessLogEntry> entries) {
        // rows in one order on every control plane, so two batches adding to the same minutes never deadlock
        Map<List<Object>, long[]> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        Map<List<Object>, long[]> latencies = new LinkedHashMap<>();
        for (AccessLogEntry entry : entries) {
            List<Object> key = List.of(entry.appId(), entry.branch() == null ? "" : entry.branch(),
                    Instant.ofEpochMilli(entry.epochMillis()).truncatedTo(ChronoUnit.MINUTES));
            long[] c = counts.computeIfAbsent(key, k -> new long[5]);
            c[0]++;
            c[1] += Math.max(0, entry.bytesSent());
            c[2] += entry.status() >= 400 && entry.status() < 500 ? 1 : 0;
            c[3] += entry.status() >= 500 && entry.status() < 600 ? 1 : 0;
            c[4] += "Blocked".equals(entry.result()) || entry.blockedReason() != null ? 1 : 0;
            latencies.computeIfAbsent(key, k -> new long[LatencyBuckets.COUNT])
                    [LatencyBuckets.index(entry.durationMicros())]++;
        }
        counts.forEach((key, c) -> jdbc.sql("""
                INSERT INTO access_log_minutes AS m
                    (app_id, branch_name, minute, requests, bytes_sent, errors_4xx, errors_5xx, blocked, latency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::bigint[])
                ON CONFLICT (app_id, branch_name, minute) DO UPDATE SET
                    requests = m.requests + excluded.requests, bytes_sent = m.bytes_sent + excluded.bytes_sent,
                    errors_4xx = m.errors_4xx + excluded.errors_4xx, errors_5xx = m.errors_5xx + excluded.errors_5xx,
                    blocked = m.blocked + excluded.blocked,
                    latency = (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
                               FROM unnest(m.latency, excluded.latency) WITH ORDINALITY AS u(a, b, i))""")
                .params(key.get(0), key.get(1), Timestamp.from((Instant) key.get(2)), c[0], c[1], c[2], c[3], c[4],
                        arrayLiteral(latencies.get(key)))
                .update());
    }

    private static String arrayLiteral(long[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "" : ",").append(values[i]);
        }
        return literal.append('}').toString();
    }

    /** The app's minutes in [from, to), of one branch or (null) all, oldest first. */
    public List<Minute> minutes(String appId, String branch, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT branch_name, minute, requests, bytes_sent, errors_4xx, errors_5xx, blocked, latency
                FROM access_log_minutes WHERE app_id = ? AND minute >= ? AND minute < ?
                  AND (CAST(? AS TEXT) IS NULL OR branch_name = ?)
                ORDER BY minute""")
                .params(appId, Timestamp.from(from), Timestamp.from(to), branch, branch)
                .query(MinuteRollups::minute).list();
    }

    /** Branches that had requests since {@code from}, for the page's branch filter. */
    public List<String> branches(String appId, Instant from) {
        return jdbc.sql("""
                SELECT DISTINCT branch_name FROM access_log_minutes WHERE app_id = ? AND minute >= ? AND branch_name <> ''
                ORDER BY branch_name""").params(appId, Timestamp.from(from)).query(String.class).list();
    }

    int removeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM access_log_minutes WHERE minute < ?").param(Timestamp.from(cutoff)).update();
    }

    private static Minute minute(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray(8);
        Object[] values = (Object[]) array.getArray();
        long[] latency = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < Math.min(values.length, latency.length); i++) {
            latency[i] = ((Number) values[i]).longValue();
        }
        return new Minute(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), latency);
    }
}
