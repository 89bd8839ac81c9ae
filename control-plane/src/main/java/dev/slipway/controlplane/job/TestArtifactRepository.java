package dev.slipway.controlplane.job;

import dev.slipway.protocol.artifact.ArtifactPaths;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The test artifacts of each job ({@code job_test_artifacts}) and its test report counts. What a runner reports is
 * checked before it is recorded, since the runner may be foreign: a path must be one that can be served, and its
 * blob must already be in the store (a listed file that cannot be downloaded helps nobody). Blob GC reads the
 * same rows through {@link TestArtifactBlobs}.
 */
@Repository
public class TestArtifactRepository {

    private static final Logger log = LoggerFactory.getLogger(TestArtifactRepository.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** One stored test artifact. */
    public record Entry(String path, String hash, long size) {
    }

    private final JdbcClient jdbc;
    private final BlobStore blobs;

    TestArtifactRepository(JdbcClient jdbc, BlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    /** Records a completion's test artifacts; entries that fail the checks are left out (and logged). */
    void record(long jobId, TestArtifactsUpload upload) {
        if (upload == null) {
            return;
        }
        Set<String> recorded = new HashSet<>();
        for (TestArtifactsUpload.File file : upload.files()) {
            if (file == null || !ArtifactPaths.isSafe(file.path()) || file.hash() == null
                    || !HASH.matcher(file.hash()).matches() || !blobs.exists(file.hash())) {
                log.warn("job {}: a test artifact was refused (unsafe path or unknown blob): {}", jobId, file);
                continue;
            }
            jdbc.sql("""
                    INSERT INTO job_test_artifacts (job_id, path, blob_hash, size) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(jobId, file.path(), file.hash(), Math.max(0, file.size())).update();
            recorded.add(file.path());
        }
        TestArtifactsUpload.Report report = upload.report();
        if (report != null && recorded.contains(report.path())) {
            jdbc.sql("""
                    UPDATE jobs SET test_report_path = ?, test_tests = ?, test_passes = ?, test_failures = ?
                    WHERE id = ?""")
                    .params(report.path(), report.tests(), report.passes(), report.failures(), jobId).update();
        }
    }

    public List<Entry> list(long jobId) {
        return jdbc.sql("SELECT path, blob_hash, size FROM job_test_artifacts WHERE job_id = ? ORDER BY path")
                .param(jobId).query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    public Optional<Entry> find(long jobId, String path) {
        return jdbc.sql("SELECT path, blob_hash, size FROM job_test_artifacts WHERE job_id = ? AND path = ?")
                .params(jobId, path).query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .optional();
    }

    /** The counts of the job's mochawesome report, when it had one. */
    public Optional<TestArtifactsUpload.Report> report(long jobId) {
        return jdbc.sql("""
                        SELECT test_report_path, test_tests, test_passes, test_failures FROM jobs
                        WHERE id = ? AND test_report_path IS NOT NULL""").param(jobId)
                .query((rs, n) -> new TestArtifactsUpload.Report(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4))).optional();
    }
}
