package dev.slipway.controlplane.app;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads and stores the app's {@link AccessSetting}. {@code BASIC_AUTH} and {@code NONE} live in the columns basic auth
 * always had ({@code enable_basic_auth}), so {@code enableBasicAuth} and {@code accessControl} are two views of one
 * setting; only what basic auth cannot say is in {@code access_mode}: {@code TEAM}. Callers write inside their own
 * transaction and bump the route version there.
 */
@Service
public class AppAccessControl {

    private final JdbcClient jdbc;

    AppAccessControl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccessSetting> ofApp(String appId) {
        return jdbc.sql("SELECT access_mode, enable_basic_auth, access_scope FROM apps WHERE app_id = ?").param(appId)
                .query((rs, n) -> AccessSetting.of(rs.getString(1), rs.getBoolean(2), rs.getString(3), false))
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
}
