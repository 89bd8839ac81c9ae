package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends log lines. Runners number lines from 0 per lease; stored line numbers continue after earlier attempts
 * ({@code log_base}). Callers hold the job row lock, which serialises appends.
 */
@Component
class JobLogWriter {

    /** PostgreSQL text cannot hold NUL; very long lines (minified output) are cut. */
    private static final int MAX_LINE = 16_384;

    private final JdbcTemplate jdbc;
    private final ChangeSignal appended = new ChangeSignal();

    JobLogWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    LogAck append(long jobId, LogBatch batch) {
        long[] state = jdbc.queryForObject("SELECT log_lines, log_base FROM jobs WHERE id = ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, jobId);
        long stored = state[0];
        long expected = stored - state[1];
        if (batch.from() > expected || batch.lines() == null) {
            return new LogAck(expected);
        }
        List<String> fresh = batch.lines().subList((int) Math.min(expected - batch.from(), batch.lines().size()),
                batch.lines().size());
        insert(jobId, stored, fresh);
        return new LogAck(expected + fresh.size());
    }

    void appendPlatformLine(long jobId, String line) {
        long stored = jdbc.queryForObject("SELECT log_lines FROM jobs WHERE id = ?", Long.class, jobId);
        insert(jobId, stored, List.of(line));
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
                    ps.setString(3, clean(lines.get(i)));
                });
        jdbc.update("UPDATE jobs SET log_lines = log_lines + ? WHERE id = ?", lines.size(), jobId);
        appended.signal();
    }

    /** Signalled after lines were written in this process (a hint for log streams; they re-read the database). */
    ChangeSignal appended() {
        return appended;
    }

    private static String clean(String line) {
        String text = line == null ? "" : line.replace('\0', '\uFFFD');
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + " …[line cut at 16 KiB]" : text;
    }
}
