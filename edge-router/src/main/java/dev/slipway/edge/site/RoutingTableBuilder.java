package dev.slipway.edge.site;

import dev.slipway.edge.skew.PinnedSites;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.CertificateRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.naming.HostNames;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RouteSnapshot} into a {@link RoutingTable}: loads each referenced manifest blob once and precomputes
 * every file's headers. Sites whose manifest did not change are reused from the previous table, so a new snapshot
 * costs only the deployments that actually moved; an app's redirect rules and custom headers are compiled again only
 * when they changed, and reach its sites without a new manifest.
 *
 * <p>A manifest that cannot be loaded does not take a host down: the host keeps its previous site (if it had one)
 * and the failure is logged. Thread-safe; blocking (reads blobs), so never call it on an event loop.
 */
public final class RoutingTableBuilder {

    private static final Logger log = LoggerFactory.getLogger(RoutingTableBuilder.class);

    private final BlobStore blobs;
    private final long smallFileLimit;
    private final PerAppCompiler<List<CustomRule>, RedirectRules> ruleCompiler = new PerAppCompiler<>(
            AppRoute::customRules, RoutingTableBuilder::compileRules);
    private final PerAppCompiler<CustomHeaders, HeaderMatcher> headerCompiler = new PerAppCompiler<>(
            AppRoute::customHeaders, (appId, appHeaders) -> HeaderMatcher.compile(appHeaders));

    public RoutingTableBuilder(BlobStore blobs, long smallFileLimit) {
        this.blobs = blobs;
        this.smallFileLimit = smallFileLimit;
    }

    public RoutingTable build(RouteSnapshot snapshot, RoutingTable previous) {
        Map<String, Site> byManifest = new HashMap<>();
        previous.sites().values().forEach(site -> {
            byManifest.putIfAbsent(site.manifestHash(), site);
            PinnedSites.forEach(site, pinned -> byManifest.putIfAbsent(pinned.manifestHash(), pinned));
        });
        Map<String, RedirectRules> rulesByApp = ruleCompiler.compile(snapshot.apps());
        Map<String, HeaderMatcher> headersByApp = headerCompiler.compile(snapshot.apps());
        Map<String, Site> sites = new HashMap<>();
        for (SiteRoute route : snapshot.sites()) {
            String host = HostNames.normalizeHost(route.host());
            RedirectRules rules = rulesByApp.getOrDefault(route.appId(), RedirectRules.NONE);
            HeaderMatcher headers = headersByApp.getOrDefault(route.appId(), HeaderMatcher.NONE);
            Site site = siteFor(route, previous.site(host), byManifest, rules, headers);
            if (site != null) {
                // skew protection: the branch's earlier deployments, on this host (their manifests shared as above)
                sites.put(host, PinnedSites.attach(site, route,
                        pinned -> siteFor(pinned, null, byManifest, rules, headers)));
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
        return new RoutingTable(snapshot.version(), sites, certificates(snapshot), challenges(snapshot),
                snapshot.computeHosts(), snapshot.computeAccessKey());
    }

    private static Map<String, String> certificates(RouteSnapshot snapshot) {
        Map<String, String> byHost = new HashMap<>();
        for (CertificateRoute certificate : snapshot.certificates()) {
            certificate.hosts().forEach(host -> byHost.put(HostNames.normalizeHost(host), certificate.bundleHash()));
        }
        return byHost;
    }

    private static Map<String, String> challenges(RouteSnapshot snapshot) {
        Map<String, String> byToken = new HashMap<>();
        snapshot.challenges().forEach(c -> byToken.put(c.token(), c.keyAuthorization()));
        return byToken;
    }

    private static RedirectRules compileRules(String appId, List<CustomRule> list) {
        RedirectRules compiled = RedirectRules.compile(list);
        compiled.problems().forEach(p -> log.warn("App {}: {} (skipped)", appId, p.message()));
        return compiled;
    }

    /** @param appHeaders the app's custom headers, served when the deployment has no customHttp.yml of its own */
    private Site siteFor(SiteRoute route, Site sameHost, Map<String, Site> byManifest, RedirectRules rules,
            HeaderMatcher appHeaders) {
        // the host's own previous site first: an unchanged host keeps its very object (another host may share the
        // manifest, and the map holds whichever of them came first)
        Site known = sameHost != null && sameHost.manifestHash().equals(route.manifestHash()) ? sameHost
                : byManifest.get(route.manifestHash());
        if (known != null) {
            return known.forRoute(route, rules, appHeaders);
        }
        DeploymentManifest manifest = loadManifest(route);
        if (manifest == null) {
            return null;
        }
        Instant stored = storedAt(route.manifestHash());
        Map<String, ServedFile> files = new HashMap<>(manifest.files().size() * 2);
        for (Map.Entry<String, ManifestEntry> entry : manifest.files().entrySet()) {
            files.put(entry.getKey(), ServedFile.of(entry.getKey(), entry.getValue(), smallFileLimit, stored));
        }
        files.replaceAll((path, file) -> withSiblings(file, files));
        // the repository's customHttp.yml overrides the app's headers as a whole (amplify-hosting-reference.md §4.2)
        boolean own = !manifest.headers().isEmpty();
        Site site = new Site(route, files, own ? HeaderMatcher.compile(manifest.headers()) : appHeaders, rules,
                manifest.compute(), own);
        byManifest.put(route.manifestHash(), site);
        return site;
    }

    /** {@code app.js.br} and {@code app.js.gz} beside {@code app.js} are its precompressed representations. */
    private static ServedFile withSiblings(ServedFile file, Map<String, ServedFile> files) {
        ServedFile br = files.get(file.path() + ".br");
        ServedFile gz = files.get(file.path() + ".gz");
        if (br == null && gz == null) {
            return file;
        }
        return file.withVariants(new ServedFile.Variants(
                br == null ? null : ServedFile.encoded(file, br, "br"),
                gz == null ? null : ServedFile.encoded(file, gz, "gzip"),
                file.variants().compressible() && gz == null));
    }

    /**
     * Last-Modified of every file: when the deployment's manifest was stored (blobs are written once), as the store
     * says, so every edge gives the same date (a disk cache keeps the store's answer with its copy).
     */
    private Instant storedAt(String manifestHash) {
        try {
            return blobs.lastTouched(manifestHash).map(time -> time.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private DeploymentManifest loadManifest(SiteRoute route) {
        try {
            return DeploymentManifest.fromJson(blobs.read(route.manifestHash()));
        } catch (NoSuchFileException e) {
            log.warn("Manifest blob {} of deployment {} is missing from the blob store",
                    route.manifestHash(), route.deploymentId());
            return null;
        } catch (IOException | RuntimeException e) {
            // RuntimeException: Jackson 3 parse errors are unchecked, and an unsafe path fails the manifest's own check
            log.warn("Manifest blob {} of deployment {} is unreadable: {}",
                    route.manifestHash(), route.deploymentId(), e.toString());
            return null;
        }
    }
}
