package dev.slipway.edge.site;

import java.util.Map;

/**
 * Host name to site, at one snapshot version. Immutable: a new snapshot produces a new table that replaces this one
 * in a single volatile write, so a request sees one consistent table.
 *
 * @param version the snapshot version, 0 when nothing has been received yet
 * @param sites   normalized host name to site
 */
public record RoutingTable(long version, Map<String, Site> sites) {

    public static final RoutingTable EMPTY = new RoutingTable(0, Map.of());

    public RoutingTable {
        sites = Map.copyOf(sites);
    }

    /** @param host already normalized ({@code HostNames.normalizeHost}) */
    public Site site(String host) {
        return sites.get(host);
    }
}
