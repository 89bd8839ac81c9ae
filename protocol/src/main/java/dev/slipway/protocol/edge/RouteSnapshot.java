package dev.slipway.protocol.edge;

import java.util.List;

/**
 * Everything an edge router needs to serve, at one version. Snapshots are complete (not deltas): an edge swaps
 * its whole routing table for the newest one it has seen and keeps the last one on disk.
 *
 * @param version increases with every change that affects serving
 * @param sites   one entry per host name served: each branch's live deployment, and the recent deployments of each
 *                branch under their immutable {@code <deploymentId>.<appId>.<baseDomain>} names
 * @param apps    per-app settings (redirect rules); absent in snapshots written before it existed
 */
public record RouteSnapshot(long version, List<SiteRoute> sites, List<AppRoute> apps) {

    public RouteSnapshot {
        sites = sites == null ? List.of() : sites;
        apps = apps == null ? List.of() : apps;
    }

    public RouteSnapshot(long version, List<SiteRoute> sites) {
        this(version, sites, List.of());
    }
}
