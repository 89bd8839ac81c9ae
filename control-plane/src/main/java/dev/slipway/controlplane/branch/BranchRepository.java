package dev.slipway.controlplane.branch;

import dev.slipway.controlplane.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BranchRepository {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    BranchRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts unless the branch exists; returns whether it was inserted. */
    boolean insert(Branch branch) {
        Branch.PullRequestOrigin pr = branch.pullRequest();
        return jdbc.sql("""
                INSERT INTO branches (app_id, branch_name, stage, enable_auto_build, environment_variables, build_spec,
                                      enable_pull_request_preview, pull_request_number, source_branch,
                                      destination_branch, pull_request_from_fork, enable_skew_protection)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(branch.appId(), branch.branchName(), branch.stage(), branch.enableAutoBuild(),
                        json.write(branch.environmentVariables()), branch.buildSpec(),
                        branch.enablePullRequestPreview(), pr == null ? null : pr.number(),
                        pr == null ? null : pr.sourceBranch(), pr == null ? null : pr.destinationBranch(),
                        pr != null && pr.fromFork(), branch.enableSkewProtection())
                .update() > 0;
    }

    void update(Branch branch) {
        jdbc.sql("""
                UPDATE branches SET stage = ?, enable_auto_build = ?, environment_variables = ?::jsonb, build_spec = ?,
                                    enable_pull_request_preview = ?, enable_basic_auth = ?,
                                    enable_skew_protection = ?, update_time = now()
                WHERE app_id = ? AND branch_name = ?""")
                .params(branch.stage(), branch.enableAutoBuild(), json.write(branch.environmentVariables()),
                        branch.buildSpec(), branch.enablePullRequestPreview(), branch.enableBasicAuth(),
                        branch.enableSkewProtection(), branch.appId(), branch.branchName())
                .update();
    }

    /**
     * Gives the pull-request previews of {@code baseBranch} that branch's serving settings: basic auth (setting and
     * password hash) and skew protection.
     */
    void copyServingSettingsToPreviews(String appId, String baseBranch) {
        jdbc.sql("""
                UPDATE branches p SET enable_basic_auth = b.enable_basic_auth, basic_auth_hash = b.basic_auth_hash,
                                      access_mode = b.access_mode, access_scope = b.access_scope,
                                      enable_skew_protection = b.enable_skew_protection
                FROM branches b
                WHERE b.app_id = ? AND b.branch_name = ? AND p.app_id = b.app_id
                  AND p.destination_branch = b.branch_name AND p.pull_request_number IS NOT NULL""")
                .params(appId, baseBranch).update();
    }

    void updateBasicAuthHash(String appId, String branchName, String hash) {
        jdbc.sql("UPDATE branches SET basic_auth_hash = ? WHERE app_id = ? AND branch_name = ?")
                .params(hash, appId, branchName).update();
    }

    boolean hasBasicAuthHash(String appId, String branchName) {
        return jdbc.sql("SELECT basic_auth_hash IS NOT NULL FROM branches WHERE app_id = ? AND branch_name = ?")
                .params(appId, branchName).query(Boolean.class).optional().orElse(false);
    }

    Optional<Branch> find(String appId, String branchName) {
        return jdbc.sql("SELECT * FROM branches WHERE app_id = ? AND branch_name = ?").params(appId, branchName)
                .query(this::map).optional();
    }

    List<Branch> findByApp(String appId) {
        return jdbc.sql("SELECT * FROM branches WHERE app_id = ? ORDER BY create_time").param(appId)
                .query(this::map).list();
    }

    Map<String, List<String>> namesByApp(Collection<String> appIds) {
        Map<String, List<String>> byApp = new HashMap<>();
        jdbc.sql("SELECT app_id, branch_name FROM branches WHERE app_id = ANY(?) ORDER BY create_time")
                .param(appIds.toArray(String[]::new))
                .query(rs -> {
                    byApp.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(rs.getString(2));
                });
        return byApp;
    }

    int countPreviews(String appId) {
        return jdbc.sql("SELECT count(*) FROM branches WHERE app_id = ? AND pull_request_number IS NOT NULL")
                .param(appId).query(Integer.class).single();
    }

    boolean delete(String appId, String branchName) {
        return jdbc.sql("DELETE FROM branches WHERE app_id = ? AND branch_name = ?").params(appId, branchName)
                .update() > 0;
    }

    /** Reserves the next per-branch job number ("1", "2", ...); locks the branch row until commit. */
    long nextJobNumber(String appId, String branchName) {
        return jdbc.sql("""
                UPDATE branches SET last_job_number = last_job_number + 1
                WHERE app_id = ? AND branch_name = ? RETURNING last_job_number""")
                .params(appId, branchName).query(Long.class).single();
    }

    /**
     * {@link #nextJobNumber} in a transaction of its own that commits without waiting for the disk: safe, because the
     * job using the number commits later and flushing its commit flushes this earlier one too; a crash before that
     * loses both, so a number is never handed out twice.
     */
    long nextJobNumberAsyncCommit(String appId, String branchName) {
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
        return nextJobNumber(appId, branchName);
    }

    boolean activate(String appId, String branchName, String deploymentId) {
        return jdbc.sql("""
                UPDATE branches SET active_deployment_id = ?, update_time = now()
                WHERE app_id = ? AND branch_name = ?""")
                .params(deploymentId, appId, branchName).update() > 0;
    }

    private Branch map(ResultSet rs, int row) throws SQLException {
        return new Branch(rs.getString("app_id"), rs.getString("branch_name"), rs.getString("stage"),
                rs.getBoolean("enable_auto_build"), json.readMap(rs.getString("environment_variables")),
                rs.getString("build_spec"), rs.getString("active_deployment_id"), rs.getBoolean("enable_basic_auth"),
                rs.getLong("last_job_number"), rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(), rs.getBoolean("enable_pull_request_preview"),
                pullRequest(rs), rs.getBoolean("enable_skew_protection"));
    }

    private static Branch.PullRequestOrigin pullRequest(ResultSet rs) throws SQLException {
        long number = rs.getLong("pull_request_number");
        return rs.wasNull() ? null : new Branch.PullRequestOrigin(number, rs.getString("source_branch"),
                rs.getString("destination_branch"), rs.getBoolean("pull_request_from_fork"));
    }
}
