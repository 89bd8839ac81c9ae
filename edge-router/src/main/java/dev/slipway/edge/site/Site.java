package dev.slipway.edge.site;

import dev.slipway.protocol.edge.SiteRoute;
import java.util.Map;

/**
 * One deployment ready to serve: its manifest turned into {@link ServedFile}s. Immutable, shared by every host that
 * points at the same manifest.
 *
 * @param route    the snapshot entry it was built for (host, app, branch, deployment)
 * @param files    manifest key to file
 */
public record Site(SiteRoute route, Map<String, ServedFile> files) {

    public Site {
        files = Map.copyOf(files);
    }

    public String manifestHash() {
        return route.manifestHash();
    }

    public Site forRoute(SiteRoute other) {
        return new Site(other, files);
    }
}
