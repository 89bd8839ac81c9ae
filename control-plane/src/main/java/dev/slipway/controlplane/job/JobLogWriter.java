package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends log lines. Runners number lines from 0 per lease; stored line numbers continue after earlier attempts.
 * {@code log_acked} counts the lines of the current lease acknowledged so far, including lines the {@link LogCap}
 * dropped, so a runner past the cap gets its acknowledgement and does not resend. Callers hold the job row lock,
 * which serialises appends.
 */
@Component
class JobLogWriter {

    /** PostgreSQL text cannot hold NUL; very long lines (minified output) are cut. */
    private static final int MAX_LINE = 16_384;

    private final JdbcTemplate jdbc;
    private final LogCap cap;
    private final PgNotifications notifications;

    JobLogWriter(JdbcTemplate jdbc, ControlPlaneProperties properties, PgNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.cap = new LogCap(properties.maxLogSize().toBytes());
    }

    private record State(long lines, long acked, long bytes, boolean capped) {
    }

    LogAck append(long jobId, LogBatch batch) {
        State state = jdbc.queryForObject("SELECT log_lines, log_acked, log_bytes, log_capped FROM jobs WHERE id = ?",
                (rs, n) -> new State(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4)), jobId);
        long expected = state.acked();
        if (batch.from() > expected || batch.lines() == null) {
            return new LogAck(expected);
        }
        List<String> fresh = batch.lines().subList((int) Math.min(expected - batch.from(), batch.lines().size()),
                batch.lines().size()).stream().map(JobLogWriter::clean).toList();
        LogCap.Split split = cap.split(state.bytes(), state.capped(), fresh);
        insert(jobId, state.lines(), split.stored());
        jdbc.update("UPDATE jobs SET log_acked = log_acked + ?, log_bytes = log_bytes + ?, log_capped = ? WHERE id = ?",
                fresh.size(), split.addedBytes(), split.reached(), jobId);
        return new LogAck(expected + fresh.size());
    }

    void appendPlatformLine(long jobId, String line) {
        long stored = jdbc.queryForObject("SELECT log_lines FROM jobs WHERE id = ?", Long.class, jobId);
        insert(jobId, stored, List.of(clean(line)));
    }

    private void insert(long jobId, long firstLineNo, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<Integer> positions = IntStream.range(0, lines.size()).boxed().toList();
        jdbc.batchUpdate("INSERT INTO job_log_lines (job_id, line_no, line) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                positions, 1000, (ps, i) -> {
                    ps.setLong(1, jobId);
                    ps.setLong(2, firstLineNo + i);
                    ps.setString(3, lines.get(i));
                });
        jdbc.update("UPDATE jobs SET log_lines = log_lines + ? WHERE id = ?", lines.size(), jobId);
        notifications.publish(Channel.JOB_LOGS);
    }

    /**
     * Signalled after lines were committed or a job's status changed, on any control plane (a hint for log streams;
     * they re-read the database).
     */
    ChangeSignal appended() {
        return notifications.signal(Channel.JOB_LOGS);
    }

    private static String clean(String line) {
        String text = line == null ? "" : line.replace('\0', '\uFFFD');
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + " …[line cut at 16 KiB]" : text;
    }
}
