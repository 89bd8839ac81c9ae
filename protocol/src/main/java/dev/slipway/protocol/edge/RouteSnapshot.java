package dev.slipway.protocol.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything an edge router needs to serve, at one version. Snapshots are complete (not deltas): an edge swaps
 * its whole routing table for the newest one it has seen and keeps the last one on disk.
 *
 * @param version      increases with every change that affects serving
 * @param sites        one entry per host name served: each branch's live deployment, the recent deployments of each
 *                     branch under their immutable {@code <deploymentId>.<appId>.<baseDomain>} names, and every
 *                     verified custom domain host (subdomain settings and automatic subdomains)
 * @param apps         per-app settings (redirect rules); absent in snapshots written before it existed
 * @param certificates TLS certificates by host, by reference to their bundle blob; absent before custom domains
 * @param challenges   ACME HTTP-01 challenges in flight; absent before custom domains
 * @param computeHosts base URLs of the live compute hosts, where SSR requests are proxied
 *                     ({@link dev.slipway.protocol.ssr.ComputeApi}); absent before SSR
 * @param computeAccessKey what the edge presents to compute hosts; null from a control plane before it had one
 * @param protection   keys and bypass token hashes for TEAM-protected sites; null (and left out) while none is
 */
public record RouteSnapshot(long version, List<SiteRoute> sites, List<AppRoute> apps,
                            List<CertificateRoute> certificates, List<AcmeChallengeRoute> challenges,
                            List<String> computeHosts, String computeAccessKey,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ProtectionRoute protection) {

    public RouteSnapshot {
        sites = sites == null ? List.of() : sites;
        apps = apps == null ? List.of() : apps;
        certificates = certificates == null ? List.of() : certificates;
        challenges = challenges == null ? List.of() : challenges;
        computeHosts = computeHosts == null ? List.of() : List.copyOf(computeHosts);
    }

    public RouteSnapshot(long version, List<SiteRoute> sites, List<AppRoute> apps,
                         List<CertificateRoute> certificates, List<AcmeChallengeRoute> challenges,
                         List<String> computeHosts, String computeAccessKey) {
        this(version, sites, apps, certificates, challenges, computeHosts, computeAccessKey, null);
    }

    public RouteSnapshot(long version, List<SiteRoute> sites, List<AppRoute> apps,
                         List<CertificateRoute> certificates, List<AcmeChallengeRoute> challenges) {
        this(version, sites, apps, certificates, challenges, List.of(), null);
    }

    public RouteSnapshot(long version, List<SiteRoute> sites, List<AppRoute> apps) {
        this(version, sites, apps, List.of(), List.of());
    }

    public RouteSnapshot(long version, List<SiteRoute> sites) {
        this(version, sites, List.of());
    }
}
