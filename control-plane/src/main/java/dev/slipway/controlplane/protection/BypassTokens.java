package dev.slipway.controlplane.protection;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.RandomIds;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.protection.ProtectionTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bypass tokens of protected deployments: random, shown once, stored as SHA-256 (as edges get them), so neither the
 * database nor an edge's snapshot holds a usable token. Creating or revoking one is a route version: revocation
 * reaches edges with the next snapshot.
 */
@Service
public class BypassTokens {

    /** Bounds each app's list (and what every edge checks against). */
    static final int MAX_PER_APP = 50;

    private final JdbcClient jdbc;
    private final AppService apps;
    private final RouteVersion routes;
    private final TransactionTemplate tx;

    BypassTokens(JdbcClient jdbc, AppService apps, RouteVersion routes, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.apps = apps;
        this.routes = routes;
        this.tx = tx;
    }

    /** A token as listed: never its value. */
    public record Listed(String id, String name, String createdBy, Instant createTime) {
    }

    /** A new token: {@code token} is shown this once. */
    public record Created(String id, String name, String token) {
    }

    public List<Listed> list(String appId) {
        apps.get(appId);
        return jdbc.sql("SELECT token_id, name, created_by, create_time FROM bypass_tokens WHERE app_id = ? "
                        + "ORDER BY create_time, token_id").param(appId)
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    public Created create(String appId, String name, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Refusal.invalid("'name' is required (1 to 100 characters).");
        }
        apps.get(appId);
        String id = "bp" + RandomIds.lowerAlphanumeric(12);
        String token = "slpb_" + RandomIds.secret();
        tx.executeWithoutResult(status -> {
            Long count = jdbc.sql("SELECT count(*) FROM bypass_tokens WHERE app_id = ?").param(appId)
                    .query(Long.class).single();
            if (count >= MAX_PER_APP) {
                throw Refusal.conflict("An app has at most " + MAX_PER_APP + " bypass tokens; revoke one first.");
            }
            jdbc.sql("INSERT INTO bypass_tokens (token_id, app_id, name, token_hash, created_by) VALUES (?, ?, ?, ?, ?)")
                    .params(id, appId, name.trim(), ProtectionTokens.bypassHash(token), createdBy).update();
            changed();
        });
        return new Created(id, name.trim(), token);
    }

    public void revoke(String appId, String id) {
        apps.get(appId);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("DELETE FROM bypass_tokens WHERE app_id = ? AND token_id = ?").params(appId, id).update() == 0) {
                throw Refusal.notFound("App '" + appId + "' has no bypass token '" + id + "'.");
            }
            changed();
        });
    }

    /** Every app's token hashes, for the route snapshot. */
    public Map<String, List<String>> hashesByApp() {
        Map<String, List<String>> byApp = new HashMap<>();
        jdbc.sql("SELECT app_id, token_hash FROM bypass_tokens ORDER BY app_id, token_hash")
                .query(rs -> {
                    byApp.computeIfAbsent(rs.getString(1), app -> new ArrayList<>()).add(rs.getString(2));
                });
        return byApp;
    }

    private void changed() {
        routes.bumpVersion();
        AfterCommit.run(routes::notifyChanged);
    }
}
