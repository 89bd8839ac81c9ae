package dev.slipway.controlplane.manualdeploy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where each MANUAL job's zip comes from: an upload (a blob once PUT) or a source URL. */
@Repository
class ManualDeployRepository {

    /**
     * @param jobId      the job's internal id
     * @param zipOwned   the upload stored the zip's blob (it was not there before), so it may go once deployed
     */
    record ManualDeploy(long jobId, String appId, String branchName, String sourceUrl, String zipKey, Long zipBytes,
                        boolean zipOwned, Instant uploadExpiresAt) {
    }

    private final JdbcClient jdbc;

    ManualDeployRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long jobId, String appId, String branchName, String sourceUrl, Instant uploadExpiresAt) {
        jdbc.sql("""
                INSERT INTO manual_deploys (job_id, app_id, branch_name, source_url, upload_expires_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(jobId, appId, branchName, sourceUrl, Timestamp.from(uploadExpiresAt)).update();
    }

    Optional<ManualDeploy> find(long jobId) {
        return jdbc.sql("SELECT * FROM manual_deploys WHERE job_id = ?").param(jobId)
                .query((rs, n) -> new ManualDeploy(rs.getLong("job_id"), rs.getString("app_id"),
                        rs.getString("branch_name"), rs.getString("source_url"), rs.getString("zip_key"),
                        (Long) rs.getObject("zip_bytes"), rs.getBoolean("zip_owned"),
                        rs.getTimestamp("upload_expires_at").toInstant()))
                .optional();
    }

    /** A later upload replaces an earlier one (the client retried); the earlier blob is returned to be freed. */
    void recordUpload(long jobId, String zipKey, long bytes, boolean owned) {
        jdbc.sql("UPDATE manual_deploys SET zip_key = ?, zip_bytes = ?, zip_owned = ? WHERE job_id = ?")
                .params(zipKey, bytes, owned, jobId).update();
    }

    /** Forgets the zip once deployed (or refused); another job may still name the same blob. */
    void forgetZip(long jobId) {
        jdbc.sql("UPDATE manual_deploys SET zip_key = NULL, zip_owned = FALSE WHERE job_id = ?").param(jobId).update();
    }

    boolean zipInUse(String zipKey) {
        return jdbc.sql("SELECT count(*) FROM manual_deploys WHERE zip_key = ?").param(zipKey).query(Long.class)
                .single() > 0;
    }

    List<String> zipsOf(String appId, String branchName) {
        return jdbc.sql("SELECT zip_key FROM manual_deploys WHERE app_id = ? AND branch_name = ? AND zip_key IS NOT NULL")
                .params(appId, branchName).query(String.class).list();
    }

    List<String> zipsOf(String appId) {
        return jdbc.sql("SELECT zip_key FROM manual_deploys WHERE app_id = ? AND zip_key IS NOT NULL")
                .param(appId).query(String.class).list();
    }

    Set<String> zipsInUse() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT zip_key FROM manual_deploys WHERE zip_key IS NOT NULL")
                .query(String.class).list());
    }

}
