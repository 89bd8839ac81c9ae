package dev.slipway.protocol.edge;

import java.util.List;

/**
 * Everything an edge router needs to serve, at one version. Snapshots are complete (not deltas): an edge swaps
 * its whole routing table for the newest one it has seen and keeps the last one on disk.
 *
 * @param version increases with every change that affects serving
 * @param sites   one entry per host name served
 */
public record RouteSnapshot(long version, List<SiteRoute> sites) {
}
