package dev.slipway.controlplane.secret;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code secrets} table. A null branch means the app-level scope. Values stay encrypted here. */
@Repository
class SecretRepository {

    private static final String SCOPE = "app_id = ? AND branch_name IS NOT DISTINCT FROM ?";

    private final JdbcClient jdbc;

    SecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SecretInfo upsert(String appId, String branchName, String name, String encrypted) {
        return jdbc.sql("""
                INSERT INTO secrets (app_id, branch_name, name, value_enc) VALUES (?, ?, ?, ?)
                ON CONFLICT (app_id, (COALESCE(branch_name, '')), name)
                DO UPDATE SET value_enc = excluded.value_enc, update_time = now()
                RETURNING name, update_time""")
                .params(appId, branchName, name, encrypted)
                .query((rs, n) -> new SecretInfo(rs.getString(1), rs.getTimestamp(2).toInstant())).single();
    }

    List<SecretInfo> list(String appId, String branchName) {
        return jdbc.sql("SELECT name, update_time FROM secrets WHERE " + SCOPE + " ORDER BY name")
                .params(appId, branchName)
                .query((rs, n) -> new SecretInfo(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }

    boolean delete(String appId, String branchName, String name) {
        return jdbc.sql("DELETE FROM secrets WHERE " + SCOPE + " AND name = ?").params(appId, branchName, name)
                .update() > 0;
    }

    /** Encrypted values a build of the branch sees: app-level ones overlaid by the branch's own. */
    Map<String, String> encryptedForBranch(String appId, String branchName) {
        Map<String, String> values = new TreeMap<>();
        jdbc.sql("""
                SELECT name, value_enc FROM secrets WHERE app_id = ? AND (branch_name IS NULL OR branch_name = ?)
                ORDER BY branch_name NULLS FIRST""")
                .params(appId, branchName)
                .query(rs -> {
                    values.put(rs.getString(1), rs.getString(2));
                });
        return values;
    }
}
