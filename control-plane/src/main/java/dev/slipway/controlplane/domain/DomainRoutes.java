package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.domain.cert.CertificateRepository;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.protocol.edge.AcmeChallengeRoute;
import dev.slipway.protocol.edge.CertificateRoute;
import dev.slipway.protocol.edge.SiteRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What custom domains add to a route snapshot: a host entry for every host of every verified domain whose branch is
 * live (a copy of the branch's own entry under the new name), the certificates by host, and ACME challenges.
 */
public final class DomainRoutes {

    private final JdbcClient jdbc;
    private final DomainRepository domains;
    private final CertificateRepository certificates;

    public DomainRoutes(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.domains = new DomainRepository(jdbc, json);
        this.certificates = new CertificateRepository(jdbc, json);
    }

    /** @param branchSites each live branch's own entry, by {@code appId + "/" + branchName} */
    public List<SiteRoute> sites(Map<String, SiteRoute> branchSites) {
        Map<String, List<String>> branchesByApp = new HashMap<>();
        branchSites.values().forEach(site ->
                branchesByApp.computeIfAbsent(site.appId(), a -> new ArrayList<>()).add(site.branchName()));
        List<SiteRoute> sites = new ArrayList<>();
        for (DomainAssociation domain : domains.listVerified()) {
            DomainHosts.of(domain, branchesByApp.getOrDefault(domain.appId(), List.of())).forEach((host, branch) -> {
                SiteRoute site = branchSites.get(domain.appId() + "/" + branch);
                if (site != null) {
                    sites.add(site.withHost(host));
                }
            });
        }
        return sites;
    }

    public List<CertificateRoute> certificates() {
        return certificates.listServed().stream()
                .map(certificate -> new CertificateRoute(certificate.hosts(), certificate.bundleHash())).toList();
    }

    public List<AcmeChallengeRoute> challenges() {
        return jdbc.sql("SELECT token, key_authorization FROM acme_challenges ORDER BY token")
                .query((rs, n) -> new AcmeChallengeRoute(rs.getString(1), rs.getString(2))).list();
    }
}
