package dev.slipway.controlplane.firewall;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.firewall.FirewallRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each app's edge firewall (issue 23): stored as the API's JSON, one row per app with rules, and handed to edges in
 * the route snapshot, so a change is a route version like any other serving setting. Edges compile and enforce the
 * rules; this side only checks that they are well-formed.
 */
@Service
public class AppFirewalls {

    private static final Logger log = LoggerFactory.getLogger(AppFirewalls.class);

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final AppService apps;
    private final RouteVersion routes;
    private final TransactionTemplate tx;

    AppFirewalls(JdbcClient jdbc, JsonColumns json, AppService apps, RouteVersion routes, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.apps = apps;
        this.routes = routes;
        this.tx = tx;
    }

    /** The app's rules; {@link FirewallRules#NONE} when it has none. */
    public FirewallRules get(String appId) {
        apps.get(appId);
        return jdbc.sql("SELECT rules FROM app_firewalls WHERE app_id = ?").param(appId).query(String.class)
                .optional().map(stored -> resolve(appId, stored)).orElse(FirewallRules.NONE);
    }

    /** Replaces the app's rules as a whole; rules that let everything through remove them. */
    public FirewallRules put(String appId, FirewallRules rules) {
        if (rules == null) {
            throw Refusal.invalid("The body must be {\"defaultAction\": \"ALLOW\", \"ipRules\": [...], "
                    + "\"countryRules\": [...], \"rateLimits\": [...]}.");
        }
        String problem = rules.problem();
        if (problem != null) {
            throw Refusal.invalid(problem);
        }
        apps.get(appId);
        tx.executeWithoutResult(status -> {
            if (rules.permitsAll()) {
                jdbc.sql("DELETE FROM app_firewalls WHERE app_id = ?").param(appId).update();
            } else {
                jdbc.sql("""
                        INSERT INTO app_firewalls (app_id, rules) VALUES (?, ?::jsonb)
                        ON CONFLICT (app_id) DO UPDATE SET rules = excluded.rules, update_time = now()""")
                        .params(appId, json.writeValue(rules)).update();
            }
            routes.bumpVersion();
            AfterCommit.run(routes::notifyChanged);
        });
        return rules.permitsAll() ? FirewallRules.NONE : rules;
    }

    /**
     * Stored rules as edges get them. Never throws: a row that no longer reads (a stricter parser) is logged and
     * left out, rather than breaking every edge's snapshot.
     */
    public FirewallRules resolve(String appId, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, FirewallRules.class);
        } catch (RuntimeException e) {
            log.error("App {}: stored firewall rules are not served: {}", appId, e.getMessage());
            return null;
        }
    }
}
