package dev.slipway.edge.site;

import java.util.List;
import java.util.Map;

/**
 * Host name to site, at one snapshot version. Immutable: a new snapshot produces a new table that replaces this one
 * in a single volatile write, so a request (or a TLS handshake) sees one consistent table.
 *
 * @param version      the snapshot version, 0 when nothing has been received yet
 * @param sites        normalized host name to site
 * @param certificates normalized host name to the hash of its certificate bundle blob
 * @param challenges   ACME HTTP-01 token to key authorization
 * @param computeHosts base URLs of the compute hosts SSR requests go to
 * @param computeAccessKey what the edge presents to those hosts; null before a control plane sent one
 * @param skewProtected whether some site has skew protection on (derived from {@code sites}): only then does the
 *                      answer to a request depend on the deployment id it carries
 */
public record RoutingTable(long version, Map<String, Site> sites, Map<String, String> certificates,
                           Map<String, String> challenges, List<String> computeHosts, String computeAccessKey,
                           boolean skewProtected) {

    public static final RoutingTable EMPTY = new RoutingTable(0, Map.of());

    public RoutingTable {
        sites = Map.copyOf(sites);
        certificates = Map.copyOf(certificates);
        challenges = Map.copyOf(challenges);
        computeHosts = List.copyOf(computeHosts);
        skewProtected = sites.values().stream().anyMatch(Site::skewProtected);
    }

    public RoutingTable(long version, Map<String, Site> sites, Map<String, String> certificates,
                        Map<String, String> challenges, List<String> computeHosts, String computeAccessKey) {
        this(version, sites, certificates, challenges, computeHosts, computeAccessKey, false);
    }

    public RoutingTable(long version, Map<String, Site> sites) {
        this(version, sites, Map.of(), Map.of(), List.of(), null);
    }

    /**
     * The compute host for a deployment, or null when none is live. A deployment always lands on the same host while
     * the set stands, so one warm instance serves it.
     */
    public String computeHost(String deploymentId) {
        return computeHosts.isEmpty() ? null
                : computeHosts.get(Math.floorMod(deploymentId.hashCode(), computeHosts.size()));
    }

    /** @param host already normalized ({@code HostNames.normalizeHost}) */
    public Site site(String host) {
        return sites.get(host);
    }

    /** The certificate bundle for a host, or null when the host has none (it is then served over HTTP only). */
    public String certificate(String host) {
        return certificates.get(host);
    }

    public String challenge(String token) {
        return challenges.get(token);
    }
}
