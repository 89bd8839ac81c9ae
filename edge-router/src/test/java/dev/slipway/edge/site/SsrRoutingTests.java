package dev.slipway.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.RouteTarget;
import dev.slipway.protocol.ssr.TargetKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Deploy-manifest routing of SSR deployments (amplify-hosting-reference.md §11.2) after the app's rules. */
class SsrRoutingTests {

    private static final String HOST = "main.dssr.localhost";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** The Nuxt example of the reference, trimmed: image route, immutable assets, files with a compute fallback. */
    private static final List<ComputeRoute> NUXT_ROUTES = List.of(
            new ComputeRoute("/_nuxt/image", new RouteTarget(TargetKind.IMAGE_OPTIMIZATION, null, "public, max-age=3600"), null),
            new ComputeRoute("/_nuxt/*", RouteTarget.staticFiles(IMMUTABLE), null),
            new ComputeRoute("/*.*", RouteTarget.staticFiles(null), RouteTarget.compute()),
            new ComputeRoute("/*", RouteTarget.compute(), null));

    @Test
    void staticRoutesServeFilesWithTheRoutesCacheControl() {
        Plan plan = plan(site(List.of()), "/_nuxt/entry.abc.js");
        assertThat(plan).isInstanceOf(Plan.Serve.class);
        assertThat(((Plan.Serve) plan).file().path()).isEqualTo("_nuxt/entry.abc.js");
        assertThat(((Plan.Serve) plan).cacheControl()).isEqualTo(IMMUTABLE);
    }

    @Test
    void aMissingFileFallsBackToComputeAndPagesGoToCompute() {
        Site site = site(List.of());
        assertThat(plan(site, "/favicon.ico")).isInstanceOf(Plan.Serve.class);
        assertThat(plan(site, "/api/data.json?x=1")).isEqualTo(new Plan.Compute("/api/data.json?x=1"));
        assertThat(plan(site, "/")).isEqualTo(new Plan.Compute("/"));
        assertThat(plan(site, "/items/42?tab=a%20b")).isEqualTo(new Plan.Compute("/items/42?tab=a%20b"));
    }

    @Test
    void aComputeRouteCarriesItsStaticFallbackFileWhenTheDeploymentHasIt() {
        List<ComputeRoute> routes = List.of(
                new ComputeRoute("/*", RouteTarget.compute(), RouteTarget.staticFiles("public, max-age=60")));
        Site site = site(List.of(), routes);
        Plan.Compute found = (Plan.Compute) plan(site, "/favicon.ico");
        assertThat(found.staticFallback().file().path()).isEqualTo("favicon.ico");
        assertThat(found.staticFallback().cacheControl()).isEqualTo("public, max-age=60");
        assertThat(plan(site, "/items/1")).isEqualTo(new Plan.Compute("/items/1"));
    }

    @Test
    void aStaticRouteWithoutFallbackAnswers404() {
        assertThat(plan(site(List.of()), "/_nuxt/missing.js")).isInstanceOf(Plan.NotFound.class);
    }

    @Test
    void rulesComeFirstAndRewritesRouteTheirTarget() {
        Site site = site(List.of(new CustomRule("/old", "/new", "301", null),
                new CustomRule("/blog/<*>", "/posts/<*>", "200", null)));
        assertThat(plan(site, "/old")).isEqualTo(new Plan.Redirect(301, "/new"));
        assertThat(plan(site, "/blog/hello")).isEqualTo(new Plan.Compute("/posts/hello"));
    }

    @Test
    void imageOptimizationServesTheSourceImage() {
        Site site = site(List.of());
        Plan plan = plan(site, "/_nuxt/image?url=%2Flogo.png&width=640");
        assertThat(((Plan.Serve) plan).file().path()).isEqualTo("logo.png");
        assertThat(plan(site, "/_nuxt/image?url=https%3A%2F%2Fevil.example%2Fx.png&width=64"))
                .isInstanceOf(Plan.BadRequest.class);
        assertThat(plan(site, "/_nuxt/image?width=64")).isInstanceOf(Plan.BadRequest.class);
    }

    @Test
    void staticSitesNeverLeaveTheFastPathWithoutProxyRules() {
        Site staticSite = new Site(new SiteRoute(HOST, "dssr", "main", "v1", "m"), files());
        assertThat(staticSite.mayLeaveFastPath()).isFalse();
        assertThat(Planner.needsGateway(site(List.of()), HOST, "/items/1", null)).isTrue();
        assertThat(Planner.needsGateway(site(List.of()), HOST, "/favicon.ico", null)).isFalse();
    }

    private static Plan plan(Site site, String target) {
        return Planner.plan(site, HOST, target, null);
    }

    private static Site site(List<CustomRule> rules) {
        return site(rules, NUXT_ROUTES);
    }

    private static Site site(List<CustomRule> rules, List<ComputeRoute> routes) {
        ComputeBundle bundle = new ComputeBundle("server.js", "nodejs22.x", "nuxt", "3.8.1", routes,
                new TreeMap<>(Map.of("server.js", new ManifestEntry("s", 10, "text/javascript"))));
        return new Site(new SiteRoute(HOST, "dssr", "main", "v1", "m"), files(), HeaderMatcher.NONE,
                RedirectRules.compile(rules), bundle);
    }

    private static Map<String, ServedFile> files() {
        Map<String, ServedFile> files = new HashMap<>();
        for (String path : List.of("favicon.ico", "logo.png", "_nuxt/entry.abc.js")) {
            files.put(path, ServedFile.of(path, new ManifestEntry("h", 1, ContentTypes.forPath(path)), 100));
        }
        return files;
    }
}
