package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppRepository {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    AppRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(App app, String encryptedWebhookSecret) {
        jdbc.sql("""
                INSERT INTO apps (app_id, name, description, repository, platform, environment_variables, build_spec,
                                  enable_branch_auto_build, webhook_secret_enc, custom_rules, custom_headers)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)""")
                .params(app.appId(), app.name(), app.description(), app.repository(), app.platform(),
                        json.write(app.environmentVariables()), app.buildSpec(), app.enableBranchAutoBuild(),
                        encryptedWebhookSecret, json.writeRules(app.customRules()), app.customHeaders())
                .update();
        updateAutoBranching(app);
    }

    void update(App app) {
        jdbc.sql("""
                UPDATE apps SET name = ?, description = ?, repository = ?, environment_variables = ?::jsonb,
                                build_spec = ?, enable_branch_auto_build = ?, custom_rules = ?::jsonb,
                                enable_basic_auth = ?, custom_headers = ?, update_time = now()
                WHERE app_id = ?""")
                .params(app.name(), app.description(), app.repository(), json.write(app.environmentVariables()),
                        app.buildSpec(), app.enableBranchAutoBuild(), json.writeRules(app.customRules()),
                        app.enableBasicAuth(), app.customHeaders(), app.appId())
                .update();
        updateAutoBranching(app);
    }

    private void updateAutoBranching(App app) {
        AutoBranching auto = app.autoBranching();
        jdbc.sql("""
                UPDATE apps SET enable_auto_branch_creation = ?, auto_branch_creation_patterns = ?::jsonb,
                                auto_branch_creation_config = ?::jsonb, enable_branch_auto_deletion = ?,
                                pull_request_fork_secrets = ?, artifact_secret_scan = ?
                WHERE app_id = ?""")
                .params(auto.enableAutoBranchCreation(), json.writeValue(auto.autoBranchCreationPatterns()),
                        json.writeValue(auto.autoBranchCreationConfig()), auto.enableBranchAutoDeletion(),
                        app.pullRequestForkSecrets(), app.artifactSecretScan(), app.appId())
                .update();
    }

    void updateWebhookSecret(String appId, String encryptedSecret) {
        jdbc.sql("UPDATE apps SET webhook_secret_enc = ?, update_time = now() WHERE app_id = ?")
                .params(encryptedSecret, appId).update();
    }

    void updateBasicAuthHash(String appId, String hash) {
        jdbc.sql("UPDATE apps SET basic_auth_hash = ? WHERE app_id = ?").params(hash, appId).update();
    }

    boolean hasBasicAuthHash(String appId) {
        return jdbc.sql("SELECT basic_auth_hash IS NOT NULL FROM apps WHERE app_id = ?").param(appId)
                .query(Boolean.class).optional().orElse(false);
    }

    Optional<App> find(String appId) {
        return jdbc.sql("SELECT * FROM apps WHERE app_id = ?").param(appId).query(this::map).optional();
    }

    List<App> findAll() {
        return jdbc.sql("SELECT * FROM apps ORDER BY create_time").query(this::map).list();
    }

    Optional<String> encryptedWebhookSecret(String appId) {
        return jdbc.sql("SELECT webhook_secret_enc FROM apps WHERE app_id = ?").param(appId)
                .query(String.class).optional();
    }

    boolean delete(String appId) {
        return jdbc.sql("DELETE FROM apps WHERE app_id = ?").param(appId).update() > 0;
    }

    private App map(ResultSet rs, int row) throws SQLException {
        return new App(rs.getString("app_id"), rs.getString("name"), rs.getString("description"),
                rs.getString("repository"), rs.getString("platform"),
                json.readMap(rs.getString("environment_variables")), rs.getString("build_spec"),
                rs.getBoolean("enable_branch_auto_build"), json.readRules(rs.getString("custom_rules")),
                rs.getBoolean("enable_basic_auth"), rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant(), new AutoBranching(
                        rs.getBoolean("enable_auto_branch_creation"),
                        List.of(json.readValue(rs.getString("auto_branch_creation_patterns"), String[].class)),
                        json.readValue(rs.getString("auto_branch_creation_config"),
                                AutoBranching.AutoBranchCreationConfig.class),
                        rs.getBoolean("enable_branch_auto_deletion")), rs.getBoolean("pull_request_fork_secrets"),
                rs.getString("custom_headers"), rs.getBoolean("artifact_secret_scan"));
    }
}
