package dev.slipway.edge.skew;

import dev.slipway.edge.site.Site;
import dev.slipway.protocol.edge.RecentDeployment;
import dev.slipway.protocol.edge.SiteRoute;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Skew protection's side of {@link dev.slipway.edge.site.RoutingTableBuilder}: gives a site the earlier deployments of its branch that the
 * snapshot lists ({@link SiteRoute#recentDeployments()}), each built like any site but served on the branch's host
 * with the branch's access control. A deployment whose manifest cannot be loaded is left out (its visitors get the live
 * deployment).
 */
public final class PinnedSites {

    private PinnedSites() {
    }

    /** @param build the site for a route, or null when its manifest cannot be loaded */
    public static Site attach(Site site, SiteRoute route, Function<SiteRoute, Site> build) {
        if (route.recentDeployments() == null) {
            return site.withPinnable(null);
        }
        Map<String, Site.Pinned> pinnable = new HashMap<>();
        for (RecentDeployment recent : route.recentDeployments()) {
            if (recent.deploymentId().equals(route.deploymentId())) {
                continue;
            }
            Site pinned = build.apply(route.pinnedTo(recent));
            if (pinned != null) {
                pinnable.put(recent.deploymentId(), new Site.Pinned(pinned.withPinnable(Map.of()),
                        recent.pinnableUntil() == null ? Long.MAX_VALUE : recent.pinnableUntil()));
            }
        }
        return site.withPinnable(pinnable);
    }

    /** Every pinnable site of {@code site}, so a new snapshot reuses their loaded manifests. */
    public static void forEach(Site site, Consumer<Site> action) {
        if (site.pinnable() != null) {
            site.pinnable().values().forEach(pinned -> action.accept(pinned.site()));
        }
    }
}
