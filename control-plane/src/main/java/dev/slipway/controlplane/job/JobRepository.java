package dev.slipway.controlplane.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JobRepository {

    private static final int LOG_PAGE = 5_000;

    /** A stop request cancels these at once ... */
    private static final String QUEUED = JobStatus.sqlList(JobStatus.QUEUED);
    /** ... and asks the runner of these to stop (CANCELLING); JobStatusTests checks the life cycle allows both. */
    private static final String ACTIVE = JobStatus.sqlList(JobStatus.ACTIVE);

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String appId, String branchName, long jobNumber, String jobType, String commitId, String commitMessage,
            Instant commitTime, boolean clearCache) {
        return insert(appId, branchName, jobNumber, jobType, JobStatus.PENDING, commitId, commitMessage, commitTime,
                clearCache);
    }

    long insert(String appId, String branchName, long jobNumber, String jobType, JobStatus status, String commitId,
            String commitMessage, Instant commitTime, boolean clearCache) {
        return jdbc.sql("""
                INSERT INTO jobs (app_id, branch_name, job_number, job_type, status, commit_id, commit_message, commit_time,
                                  clear_cache)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(appId, branchName, jobNumber, jobType, status.name(), commitId, commitMessage,
                        commitTime == null ? null : Timestamp.from(commitTime), clearCache)
                .query(Long.class).single();
    }

    Optional<Job> findById(long id) {
        return jdbc.sql("SELECT * FROM jobs WHERE id = ?").param(id).query(JobRepository::map).optional();
    }

    Optional<Job> find(String appId, String branchName, long jobNumber) {
        return jdbc.sql("SELECT * FROM jobs WHERE app_id = ? AND branch_name = ? AND job_number = ?")
                .params(appId, branchName, jobNumber).query(JobRepository::map).optional();
    }

    List<Job> list(String appId, String branchName, int limit) {
        return jdbc.sql("SELECT * FROM jobs WHERE app_id = ? AND branch_name = ? ORDER BY job_number DESC LIMIT ?")
                .params(appId, branchName, limit).query(JobRepository::map).list();
    }

    /** Whether the job was started as Amplify's "Clear cache and build". */
    boolean clearsCache(long jobId) {
        return jdbc.sql("SELECT clear_cache FROM jobs WHERE id = ?").param(jobId).query(Boolean.class).optional()
                .orElse(false);
    }

    /** The spec the runner generated for a detected framework, if it had to. */
    Optional<String> detectedBuildSpec(long jobId) {
        return jdbc.sql("SELECT detected_build_spec FROM jobs WHERE id = ?").param(jobId)
                .query((rs, n) -> rs.getString(1)).optional();
    }

    List<JobStep> steps(long jobId) {
        return jdbc.sql("SELECT * FROM job_steps WHERE job_id = ? ORDER BY ordinal").param(jobId)
                .query((rs, n) -> new JobStep(rs.getString("step_name"), JobStatus.valueOf(rs.getString("status")),
                        rs.getString("status_reason"), instant(rs, "start_time"), instant(rs, "end_time")))
                .list();
    }

    /** Hands the log to {@code sink} page by page, so a long log never sits in memory whole. */
    void streamLog(long jobId, Consumer<String> sink) {
        long from = 0;
        while (true) {
            List<String> page = jdbc.sql("""
                    SELECT line FROM job_log_lines WHERE job_id = ? AND line_no >= ? ORDER BY line_no LIMIT ?""")
                    .params(jobId, from, LOG_PAGE).query(String.class).list();
            page.forEach(sink);
            if (page.size() < LOG_PAGE) {
                return;
            }
            from += page.size();
        }
    }

    List<LogLine> logPage(long jobId, long from, int limit) {
        return jdbc.sql("""
                SELECT line_no, line FROM job_log_lines WHERE job_id = ? AND line_no >= ? ORDER BY line_no LIMIT ?""")
                .params(jobId, from, limit).query((rs, n) -> new LogLine(rs.getLong(1), rs.getString(2))).list();
    }

    /** Moves a job from {@code from} to {@code to}; false when it was no longer in {@code from}. */
    boolean move(long jobId, JobStatus from, JobStatus to, String reason) {
        JobStatus.requireMove(from, to);
        return jdbc.sql("""
                UPDATE jobs SET status = ?, status_reason = COALESCE(?, status_reason),
                                end_time = CASE WHEN ? THEN now() ELSE end_time END
                WHERE id = ? AND status = ?""")
                .params(to.name(), reason, to.isFinished(), jobId, from.name()).update() > 0;
    }

    /** Applies a stop request; returns the status after it, or empty when the job does not exist. */
    Optional<JobStatus> requestStop(long jobId) {
        return jdbc.sql("""
                UPDATE jobs SET
                  status = CASE WHEN status IN (%1$s) THEN %3$s WHEN status IN (%2$s) THEN %4$s ELSE status END,
                  end_time = CASE WHEN status IN (%1$s) THEN now() ELSE end_time END,
                  status_reason = CASE WHEN status IN (%1$s, %2$s) THEN 'Stopped by a user' ELSE status_reason END,
                  cancel_requested = cancel_requested OR status IN (%2$s)
                WHERE id = ? RETURNING status""".formatted(QUEUED, ACTIVE, JobStatus.CANCELLED.sql(),
                        JobStatus.CANCELLING.sql()))
                .param(jobId).query((rs, n) -> JobStatus.valueOf(rs.getString(1))).optional();
    }

    static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("app_id"), rs.getString("branch_name"), rs.getLong("job_number"),
                rs.getString("job_type"), JobStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                rs.getString("commit_id"), rs.getString("commit_message"), instant(rs, "commit_time"),
                instant(rs, "create_time"), instant(rs, "start_time"), instant(rs, "end_time"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
