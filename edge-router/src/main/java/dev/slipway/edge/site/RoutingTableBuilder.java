package dev.slipway.edge.site;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.naming.HostNames;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RouteSnapshot} into a {@link RoutingTable}: loads each referenced manifest blob once and precomputes
 * every file's headers. Sites whose manifest did not change are reused from the previous table, so a new snapshot
 * costs only the deployments that actually moved.
 *
 * <p>A manifest that cannot be loaded does not take a host down: the host keeps its previous site (if it had one)
 * and the failure is logged. Thread-safe; blocking (reads blobs), so never call it on an event loop.
 */
public final class RoutingTableBuilder {

    private static final Logger log = LoggerFactory.getLogger(RoutingTableBuilder.class);

    private final BlobStore blobs;
    private final long smallFileLimit;

    public RoutingTableBuilder(BlobStore blobs, long smallFileLimit) {
        this.blobs = blobs;
        this.smallFileLimit = smallFileLimit;
    }

    public RoutingTable build(RouteSnapshot snapshot, RoutingTable previous) {
        Map<String, Site> byManifest = new HashMap<>();
        previous.sites().values().forEach(site -> byManifest.putIfAbsent(site.manifestHash(), site));
        Map<String, Site> sites = new HashMap<>();
        for (SiteRoute route : snapshot.sites() == null ? java.util.List.<SiteRoute>of() : snapshot.sites()) {
            String host = HostNames.normalizeHost(route.host());
            Site site = siteFor(route, byManifest);
            if (site != null) {
                sites.put(host, site);
                continue;
            }
            Site kept = previous.site(host);
            if (kept != null) {
                log.error("Host {} keeps deployment {} because manifest {} of deployment {} could not be loaded",
                        host, kept.route().deploymentId(), route.manifestHash(), route.deploymentId());
                sites.put(host, kept);
            } else {
                log.error("Host {} is not served: manifest {} of deployment {} could not be loaded",
                        host, route.manifestHash(), route.deploymentId());
            }
        }
        return new RoutingTable(snapshot.version(), sites);
    }

    private Site siteFor(SiteRoute route, Map<String, Site> byManifest) {
        Site known = byManifest.get(route.manifestHash());
        if (known != null) {
            return known.route().equals(route) ? known : known.forRoute(route);
        }
        DeploymentManifest manifest = loadManifest(route);
        if (manifest == null) {
            return null;
        }
        Map<String, ServedFile> files = new HashMap<>(manifest.files().size() * 2);
        for (Map.Entry<String, ManifestEntry> entry : manifest.files().entrySet()) {
            files.put(entry.getKey(), ServedFile.of(entry.getKey(), entry.getValue(), smallFileLimit));
        }
        Site site = new Site(route, files);
        byManifest.put(route.manifestHash(), site);
        return site;
    }

    private DeploymentManifest loadManifest(SiteRoute route) {
        if (!blobs.exists(route.manifestHash())) {
            log.warn("Manifest blob {} of deployment {} is missing from the blob store",
                    route.manifestHash(), route.deploymentId());
            return null;
        }
        try {
            return DeploymentManifest.fromJson(blobs.read(route.manifestHash()));
        } catch (IOException | RuntimeException e) {
            // RuntimeException: Jackson 3 parse errors are unchecked, and an unsafe path fails the manifest's own check
            log.warn("Manifest blob {} of deployment {} is unreadable: {}",
                    route.manifestHash(), route.deploymentId(), e.toString());
            return null;
        }
    }
}
