package dev.slipway.controlplane.route;

import dev.slipway.protocol.edge.RecentDeployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The earlier deployments that skew protection lets a visitor pin, per branch that has it on (as Amplify): static
 * deployments of the last {@value #STATIC_DAYS} days and the last {@value #SSR_COUNT} server-side ones (whose servers
 * cold-start if needed). Every edge loads each listed manifest, so static ones are also capped at
 * {@value #STATIC_CAP} per branch, which a branch reaches only when deployed more than 14 times a day.
 */
final class SkewRoutes {

    static final int STATIC_DAYS = 7;
    static final int SSR_COUNT = 8;
    static final int STATIC_CAP = 100;

    private final JdbcClient jdbc;

    SkewRoutes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By {@code appId + "/" + branchName}, newest first; branches with skew protection on and nothing recent too. */
    Map<String, List<RecentDeployment>> recentByBranch() {
        Map<String, List<RecentDeployment>> byBranch = new HashMap<>();
        jdbc.sql("SELECT app_id, branch_name FROM branches WHERE enable_skew_protection")
                .query(rs -> {
                    byBranch.put(rs.getString("app_id") + "/" + rs.getString("branch_name"), new ArrayList<>());
                });
        if (byBranch.isEmpty()) {
            return byBranch;
        }
        jdbc.sql("""
                SELECT app_id, branch_name, deployment_id, manifest_hash, ssr,
                       (extract(epoch FROM create_time + make_interval(days => ?)) * 1000)::bigint AS until
                FROM (SELECT d.*, coalesce(d.server_side, FALSE) AS ssr,
                             row_number() OVER (PARTITION BY d.app_id, d.branch_name, coalesce(d.server_side, FALSE)
                                                ORDER BY d.create_time DESC) AS n
                      FROM deployments d
                      JOIN branches b ON b.app_id = d.app_id AND b.branch_name = d.branch_name
                      WHERE b.enable_skew_protection) r
                WHERE CASE WHEN ssr THEN n <= ?
                           ELSE n <= ? AND create_time > now() - make_interval(days => ?) END
                ORDER BY app_id, branch_name, create_time DESC""")
                .params(STATIC_DAYS, SSR_COUNT, STATIC_CAP, STATIC_DAYS)
                .query(rs -> {
                    byBranch.get(rs.getString("app_id") + "/" + rs.getString("branch_name"))
                            .add(new RecentDeployment(rs.getString("deployment_id"), rs.getString("manifest_hash"),
                                    rs.getBoolean("ssr") ? null : rs.getLong("until")));
                });
        return byBranch;
    }
}
