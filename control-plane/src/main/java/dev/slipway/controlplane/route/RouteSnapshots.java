package dev.slipway.controlplane.route;

import dev.slipway.controlplane.app.AppCustomHeaders;
import dev.slipway.controlplane.domain.DomainRoutes;
import dev.slipway.controlplane.firewall.AppFirewalls;
import dev.slipway.controlplane.protection.ProtectionRoutes;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.RecentDeployment;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.naming.HostNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what edges serve at one version: every branch's live deployment under its branch host, the last
 * {@value #IMMUTABLE_PER_BRANCH} deployments of each branch under their immutable {@code <deploymentId>.<appId>}
 * hosts, the hosts of verified custom domains with their certificates and ACME challenges, and each app's redirect
 * rules, custom headers (parsed here, so edges never see YAML) and firewall rules. Access control is resolved here
 * (branch over app, §9; {@link ProtectionRoutes}) so an edge only compares a hash or checks a signature. A branch with skew protection on also lists its recent
 * deployments ({@link SkewRoutes}) on its own and its custom domains' hosts.
 */
final class RouteSnapshots {

    /** Bounds the snapshot: older deployments are still kept and can be activated, just not browsed by id. */
    static final int IMMUTABLE_PER_BRANCH = 20;

    private static final String ACCESS = ProtectionRoutes.COLUMNS;

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final String baseDomain;
    private final DomainRoutes domains;
    private final String computeAccessKey;
    private final AppFirewalls firewalls;
    private final SkewRoutes skew;
    private final ProtectionRoutes protection;

    RouteSnapshots(JdbcClient jdbc, JsonColumns json, String baseDomain, String computeAccessKey,
            AppFirewalls firewalls, ProtectionRoutes protection) {
        this.protection = protection;
        this.computeAccessKey = computeAccessKey;
        this.firewalls = firewalls;
        this.jdbc = jdbc;
        this.json = json;
        this.baseDomain = baseDomain;
        this.domains = new DomainRoutes(jdbc, json);
        this.skew = new SkewRoutes(jdbc);
    }

    RouteSnapshot read(long version) {
        Map<String, List<RecentDeployment>> recent = skew.recentByBranch();
        List<SiteRoute> sites = new ArrayList<>(jdbc.sql("SELECT b.app_id, b.branch_name, d.deployment_id, "
                        + "d.manifest_hash, " + ACCESS + """

                FROM branches b JOIN apps a ON a.app_id = b.app_id
                JOIN deployments d ON d.deployment_id = b.active_deployment_id
                ORDER BY b.app_id, b.branch_name""")
                .query((rs, n) -> {
                    String appId = rs.getString("app_id");
                    String branch = rs.getString("branch_name");
                    ProtectionRoutes.Access access = ProtectionRoutes.resolve(rs, false);
                    return new SiteRoute(HostNames.branchHost(branch, appId + "." + baseDomain), appId, branch,
                            rs.getString("deployment_id"), rs.getString("manifest_hash"), access.basicAuth(),
                            recent.get(appId + "/" + branch), access.protection());
                })
                .list());
        Map<String, SiteRoute> branchSites = new HashMap<>();
        sites.forEach(site -> branchSites.put(site.appId() + "/" + site.branchName(), site));
        sites.addAll(domains.sites(branchSites));
        sites.addAll(immutableHosts());
        List<AppRoute> apps = jdbc.sql("""
                SELECT a.app_id, a.custom_rules, a.custom_headers, a.environment_variables ->> ? AS app_root,
                       f.rules AS firewall
                FROM apps a LEFT JOIN app_firewalls f ON f.app_id = a.app_id
                WHERE a.custom_rules <> '[]'::jsonb OR a.custom_headers IS NOT NULL OR f.app_id IS NOT NULL
                ORDER BY a.app_id""")
                .param(BuildSpec.MONOREPO_APP_ROOT_VARIABLE)
                .query((rs, n) -> {
                    String appId = rs.getString("app_id");
                    return new AppRoute(appId, json.readRules(rs.getString("custom_rules")),
                            AppCustomHeaders.resolve(appId, rs.getString("custom_headers"), rs.getString("app_root")),
                            firewalls.resolve(appId, rs.getString("firewall")));
                })
                .list();
        List<String> computeHosts = jdbc.sql("SELECT url FROM compute_hosts ORDER BY url").query(String.class).list();
        boolean anyProtected = sites.stream().anyMatch(site -> site.protection() != null);
        return new RouteSnapshot(version, sites, apps, domains.certificates(), domains.challenges(), computeHosts,
                computeAccessKey, protection.route(anyProtected));
    }

    private List<SiteRoute> immutableHosts() {
        return jdbc.sql("SELECT d.app_id, d.branch_name, d.deployment_id, d.manifest_hash, " + ACCESS + """

                FROM (SELECT *, row_number() OVER (PARTITION BY app_id, branch_name ORDER BY create_time DESC) AS n
                      FROM deployments) d
                JOIN branches b ON b.app_id = d.app_id AND b.branch_name = d.branch_name
                JOIN apps a ON a.app_id = d.app_id
                WHERE d.n <= ?
                ORDER BY d.app_id, d.branch_name, d.n""")
                .param(IMMUTABLE_PER_BRANCH)
                .query((rs, n) -> {
                    String appId = rs.getString("app_id");
                    String deploymentId = rs.getString("deployment_id");
                    ProtectionRoutes.Access access = ProtectionRoutes.resolve(rs, true);
                    return new SiteRoute(deploymentId + "." + appId + "." + baseDomain, appId,
                            rs.getString("branch_name"), deploymentId, rs.getString("manifest_hash"),
                            access.basicAuth(), null, access.protection());
                })
                .list();
    }
}
