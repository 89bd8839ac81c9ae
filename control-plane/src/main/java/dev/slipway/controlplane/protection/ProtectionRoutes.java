package dev.slipway.controlplane.protection;

import dev.slipway.controlplane.app.AccessSetting;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.protocol.edge.ProtectionRoute;
import dev.slipway.protocol.edge.SiteRoute;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/**
 * Access control as the route snapshot carries it: resolved here per host (branch over app; the scope decides
 * whether a production branch's own hosts stay public), so an edge only compares a hash or checks a signature.
 */
@Component
public class ProtectionRoutes {

    /** The columns {@link #resolve} reads, for a query joining {@code branches b} and {@code apps a}. */
    public static final String COLUMNS = """
            b.access_mode AS b_mode, b.enable_basic_auth AND b.basic_auth_hash IS NOT NULL AS b_basic,
            b.basic_auth_hash AS b_hash, b.access_scope AS b_scope, a.access_mode AS a_mode,
            a.enable_basic_auth AS a_basic, a.basic_auth_hash AS a_hash, a.access_scope AS a_scope,
            b.stage AS b_stage""";

    private final ControlPlaneProperties properties;
    private final ProtectionKeys keys;
    private final BypassTokens bypass;

    ProtectionRoutes(ControlPlaneProperties properties, ProtectionKeys keys, BypassTokens bypass) {
        this.properties = properties;
        this.keys = keys;
        this.bypass = bypass;
    }

    /** What a host's visitors must show. */
    public record Access(String basicAuth, String protection) {
    }

    /**
     * @param immutable whether the host is a deployment's own {@code <deploymentId>.<appId>} name, protected by
     *                  either scope
     */
    public static Access resolve(ResultSet rs, boolean immutable) throws SQLException {
        String mode;
        String hash;
        String scope;
        String branchMode = rs.getString("b_mode");
        if (branchMode != null || rs.getBoolean("b_basic")) {
            mode = branchMode != null ? branchMode : AccessSetting.BASIC_AUTH;
            hash = rs.getString("b_hash");
            scope = rs.getString("b_scope");
        } else {
            String appMode = rs.getString("a_mode");
            mode = appMode != null ? appMode : rs.getBoolean("a_basic") ? AccessSetting.BASIC_AUTH : AccessSetting.NONE;
            hash = rs.getString("a_hash");
            scope = rs.getString("a_scope");
        }
        boolean publicHost = !immutable && AccessSetting.PREVIEWS.equals(scope)
                && "PRODUCTION".equals(rs.getString("b_stage"));
        if (publicHost) {
            return new Access(null, null);
        }
        return switch (mode) {
            case AccessSetting.BASIC_AUTH -> new Access(hash, null);
            case AccessSetting.TEAM -> new Access(null, SiteRoute.TEAM);
            default -> new Access(null, null);
        };
    }

    /** The keys and bypass tokens edges need, or null when no site is TEAM-protected. */
    public ProtectionRoute route(boolean anyProtected) {
        if (!anyProtected) {
            return null;
        }
        return new ProtectionRoute(properties.publicUrl() + "/protection/authorize", keys.publicKey(),
                keys.cookieKey(), properties.protection().cookieTtl().toSeconds(), bypass.hashesByApp());
    }
}
