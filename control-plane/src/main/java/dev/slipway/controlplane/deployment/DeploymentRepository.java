package dev.slipway.controlplane.deployment;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentRepository {

    private static final String SELECT = """
            SELECT d.*, j.job_number FROM deployments d JOIN jobs j ON j.id = d.job_id""";

    private final JdbcClient jdbc;

    DeploymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param serverSide whether the deployment renders on a server (SSR); null when its manifest was unreadable */
    void insert(String deploymentId, long jobId, String appId, String branchName, String commitId, String manifestHash,
            int fileCount, long totalBytes, Boolean serverSide) {
        jdbc.sql("""
                INSERT INTO deployments (deployment_id, app_id, branch_name, job_id, commit_id, manifest_hash,
                                         file_count, total_bytes, server_side)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(deploymentId, appId, branchName, jobId, commitId, manifestHash, fileCount, totalBytes,
                        serverSide)
                .update();
    }

    List<String> manifestHashes(String appId, String branchName) {
        return jdbc.sql("SELECT DISTINCT manifest_hash FROM deployments WHERE app_id = ? AND branch_name = ?")
                .params(appId, branchName).query(String.class).list();
    }

    List<String> manifestHashes(String appId) {
        return jdbc.sql("SELECT DISTINCT manifest_hash FROM deployments WHERE app_id = ?").param(appId)
                .query(String.class).list();
    }

    List<String> allManifestHashes() {
        return jdbc.sql("SELECT DISTINCT manifest_hash FROM deployments").query(String.class).list();
    }

    Optional<String> idOfJob(long jobId) {
        return jdbc.sql("SELECT deployment_id FROM deployments WHERE job_id = ?").param(jobId)
                .query(String.class).optional();
    }

    Optional<Deployment> find(String deploymentId) {
        return jdbc.sql(SELECT + " WHERE d.deployment_id = ?").param(deploymentId)
                .query(DeploymentRepository::map).optional();
    }

    Optional<Deployment> find(String appId, String branchName, String deploymentId) {
        return jdbc.sql(SELECT + " WHERE d.app_id = ? AND d.branch_name = ? AND d.deployment_id = ?")
                .params(appId, branchName, deploymentId).query(DeploymentRepository::map).optional();
    }

    List<Deployment> list(String appId, String branchName, int limit) {
        return jdbc.sql(SELECT + " WHERE d.app_id = ? AND d.branch_name = ? ORDER BY d.create_time DESC LIMIT ?")
                .params(appId, branchName, limit).query(DeploymentRepository::map).list();
    }

    private static Deployment map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Deployment(rs.getString("deployment_id"), rs.getString("app_id"), rs.getString("branch_name"),
                rs.getLong("job_number"), rs.getString("commit_id"), rs.getString("manifest_hash"),
                rs.getInt("file_count"), rs.getLong("total_bytes"), rs.getTimestamp("create_time").toInstant());
    }
}
