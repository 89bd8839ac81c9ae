package dev.slipway.controlplane.branch;

import dev.slipway.controlplane.app.AccessSetting;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads and stores the branch's {@link AccessSetting}, as {@code AppAccessControl} does for apps; a branch may also
 * say {@code NONE} explicitly (public whatever the app says) or {@code INHERIT} (the app's setting).
 */
@Service
public class BranchAccessControl {

    private final JdbcClient jdbc;

    BranchAccessControl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccessSetting> ofBranch(String appId, String branchName) {
        return jdbc.sql("""
                SELECT access_mode, enable_basic_auth AND basic_auth_hash IS NOT NULL, access_scope
                FROM branches WHERE app_id = ? AND branch_name = ?""").params(appId, branchName)
                .query((rs, n) -> AccessSetting.of(rs.getString(1), rs.getBoolean(2), rs.getString(3), true))
                .optional();
    }

    /** Stores the branch's setting (with {@code enableBasicAuth} as for apps): {@code TEAM} and {@code NONE} override the app, {@code INHERIT} not. */
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
