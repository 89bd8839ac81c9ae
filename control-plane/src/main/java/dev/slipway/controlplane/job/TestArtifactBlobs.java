package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.LooseBlobs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Blob GC's view of {@code job_test_artifacts}: which blobs jobs' test artifacts still use. */
@Service
class TestArtifactBlobs implements LooseBlobs {

    private final JdbcClient jdbc;

    TestArtifactBlobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Blobs of the test artifacts of a branch's jobs (read before the branch is removed). */
    @Override
    public List<String> blobsOf(String appId, String branchName) {
        return jdbc.sql("""
                SELECT DISTINCT t.blob_hash FROM job_test_artifacts t JOIN jobs j ON j.id = t.job_id
                WHERE j.app_id = ? AND j.branch_name = ?""").params(appId, branchName).query(String.class).list();
    }

    /** The same for every branch of an app. */
    @Override
    public List<String> blobsOf(String appId) {
        return jdbc.sql("""
                SELECT DISTINCT t.blob_hash FROM job_test_artifacts t JOIN jobs j ON j.id = t.job_id
                WHERE j.app_id = ?""").param(appId).query(String.class).list();
    }

    /** Every blob a remaining job's test artifacts use: never freed while the job exists. */
    @Override
    public Set<String> blobsInUse() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT blob_hash FROM job_test_artifacts").query(String.class).list());
    }
}
