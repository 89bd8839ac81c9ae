package dev.slipway.controlplane.route;

import dev.slipway.controlplane.firewall.AppFirewalls;
import dev.slipway.controlplane.protection.ProtectionRoutes;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.ComputeAccessKey;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.JsonColumns;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The versioned route snapshot edges long-poll; features announce changes through {@link RouteVersion}. */
@Service
public class RouteFeed {

    private final RouteVersion version;
    private final RouteSnapshots snapshots;

    RouteFeed(JdbcClient jdbc, JsonColumns json, ControlPlaneProperties properties, ComputeAccessKey computeKey,
            RouteVersion version, AppFirewalls firewalls, ProtectionRoutes protection) {
        this.version = version;
        this.snapshots = new RouteSnapshots(jdbc, json, properties.baseDomain(), computeKey.value(), firewalls,
                protection);
    }

    /** The snapshot once its version passes {@code since}, or empty when {@code wait} ran out first. */
    public Optional<RouteSnapshot> awaitNewerThan(long since, Duration wait) throws InterruptedException {
        OptionalLong newer = version.awaitNewerThan(since, wait);
        return newer.isPresent() ? Optional.of(snapshot(newer.getAsLong())) : Optional.empty();
    }

    /** The site served under {@code host} right now (lower case, no port), if any. */
    public Optional<SiteRoute> site(String host) {
        return snapshot(version.current()).sites().stream().filter(site -> site.host().equals(host)).findFirst();
    }

    /**
     * Sites at a version. Read after the version, so data may be newer than its label; an edge then sees the next
     * version on its next poll, never an older state under a newer label.
     */
    RouteSnapshot snapshot(long version) {
        return snapshots.read(version);
    }
}
