package dev.slipway.controlplane.protection;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads and stores {@link AccessSetting}s. {@code BASIC_AUTH} and {@code NONE} live in the columns basic auth always
 * had ({@code enable_basic_auth}), so {@code enableBasicAuth} and {@code accessControl} are two views of one setting;
 * only what basic auth cannot say is in {@code access_mode}: {@code TEAM}, and a branch's explicit {@code NONE}.
 * The callers ({@code AppService}, {@code BranchService}) write inside their own transaction and bump the route
 * version there.
 */
@Service
public class AccessControls {

    private final JdbcClient jdbc;

    AccessControls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@code enableBasicAuth} becomes under the new setting (null: the setting does not touch it). */
    public static Boolean basicAuthFor(AccessSetting setting, boolean branch) {
        if (setting == null) {
            return null;
        }
        AccessSetting valid = setting.validated(branch);
        return AccessSetting.BASIC_AUTH.equals(valid.mode());
    }

    public Optional<AccessSetting> ofApp(String appId) {
        return jdbc.sql("SELECT access_mode, enable_basic_auth, access_scope FROM apps WHERE app_id = ?").param(appId)
                .query((rs, n) -> AccessSetting.of(rs.getString(1), rs.getBoolean(2), rs.getString(3), false))
                .optional();
    }

    public Optional<AccessSetting> ofBranch(String appId, String branchName) {
        return jdbc.sql("""
                SELECT access_mode, enable_basic_auth AND basic_auth_hash IS NOT NULL, access_scope
                FROM branches WHERE app_id = ? AND branch_name = ?""").params(appId, branchName)
                .query((rs, n) -> AccessSetting.of(rs.getString(1), rs.getBoolean(2), rs.getString(3), true))
                .optional();
    }

    /**
     * Stores the app's setting; with {@code setting} null but basic auth turned on through {@code enableBasicAuth},
     * TEAM gives way to it (the two fields are one setting).
     */
    public void storeApp(String appId, AccessSetting setting, Boolean enableBasicAuth) {
        if (setting != null) {
            AccessSetting valid = setting.validated(false);
            jdbc.sql("UPDATE apps SET access_mode = ?, access_scope = ? WHERE app_id = ?")
                    .params(AccessSetting.TEAM.equals(valid.mode()) ? AccessSetting.TEAM : null, valid.scope(), appId)
                    .update();
        } else if (Boolean.TRUE.equals(enableBasicAuth)) {
            jdbc.sql("UPDATE apps SET access_mode = NULL WHERE app_id = ?").param(appId).update();
        }
    }

    /** As {@link #storeApp}, for a branch: {@code TEAM} and {@code NONE} override the app, {@code INHERIT} not. */
    public void storeBranch(String appId, String branchName, AccessSetting setting, Boolean enableBasicAuth) {
        if (setting != null) {
            AccessSetting valid = setting.validated(true);
            String mode = switch (valid.mode()) {
                case AccessSetting.TEAM, AccessSetting.NONE -> valid.mode();
                default -> null;
            };
            jdbc.sql("UPDATE branches SET access_mode = ?, access_scope = ? WHERE app_id = ? AND branch_name = ?")
                    .params(mode, valid.scope(), appId, branchName).update();
        } else if (Boolean.TRUE.equals(enableBasicAuth)) {
            jdbc.sql("UPDATE branches SET access_mode = NULL WHERE app_id = ? AND branch_name = ?")
                    .params(appId, branchName).update();
        }
    }
}
