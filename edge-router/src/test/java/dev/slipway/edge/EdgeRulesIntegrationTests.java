package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.auth.BasicAuthHash;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.headers.HeaderRule;
import dev.slipway.protocol.redirect.CustomRule;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects and rewrites, custom headers (the deployment's and the app's), basic auth and immutable deployment hosts,
 * through the real edge over HTTP, with the snapshot served by a fake control plane so rules can change while the
 * edge runs.
 */
class EdgeRulesIntegrationTests {

    private static final String APP = "drules12345678";
    private static final String HOST = "main." + APP + ".localhost";
    private static final String LOCKED = "locked." + APP + ".localhost";
    /** Another app: the throttle counts per app and client. */
    private static final String GUESSED_APP = "dguessed123456";
    private static final String GUESSED = "guessed." + GUESSED_APP + ".localhost";
    private static final String GUESSED_PREVIEW = "pr-1." + GUESSED_APP + ".localhost";
    private static final String ALIAS = "alias." + APP + ".localhost";
    private static final String IMMUTABLE = "vold00000001." + APP + ".localhost";
    private static List<CustomRule> rules;
    /** The app's custom headers in the published snapshot; null for none. */
    private static CustomHeaders appHeaders;
    /** The last published route version; each test's publish takes the next, whatever order tests run in. */
    private static long version = 1;

    private static List<CustomRule> rules(String upstream) {
        return List.of(
            CustomRule.of("/old/<*>", "/new/<*>", "301"),
            CustomRule.of("/blog/<year>/<slug>", "/posts/<slug>-<year>", "302"),
            CustomRule.of("/docs?id=<id>", "/documents/<id>", "301"),
            CustomRule.of("https://" + ALIAS, "https://www.example.test", "301"),
            CustomRule.of("/app/<*>", "/index.html", "200"),
            CustomRule.of("/api/<*>", upstream + "/v1/<*>", "200"),
            CustomRule.of("/<*>", "/index.html", "404-200"));
    }

    @TempDir
    static Path dataDir;

    private static HttpsUpstream upstream;
    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;
    private static String current;
    private static String old;

    @BeforeAll
    static void start() throws Exception {
        CustomHeaders headers = new CustomHeaders(List.of(
                new HeaderRule("**", List.of(new Header("X-Frame-Options", "DENY"),
                        new Header("Cache-Control", "public, s-maxage=60"))),
                new HeaderRule("/assets/*", List.of(new Header("Cache-Control", "public, max-age=99")))));
        current = TestSites.in(dataDir).file("index.html", "<h1>spa</h1>").file("about.html", "about")
                .file("assets/a.css", "a{}").deploy(headers);
        old = TestSites.in(dataDir).file("index.html", "<h1>old</h1>").deploy();
        upstream = new HttpsUpstream(dataDir);
        rules = rules(upstream.origin());
        controlPlane = new FakeControlPlane("edge-token", snapshot(1, rules));
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token",
                "--slipway.edge.proxy-allow=127.0.0.0/8",
                "--slipway.edge.proxy-ca-bundle=" + upstream.caBundle());
        awaitVersion(1);
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void redirectsSubstitutePlaceholdersAndForwardTheQuery() throws Exception {
        HttpResponse<byte[]> moved = edge.get(HOST, "/old/a/b.html?utm=1");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("location")).contains("/new/a/b.html?utm=1");
        assertThat(edge.get(HOST, "/blog/2024/hello").headers().firstValue("location")).contains("/posts/hello-2024");
        assertThat(edge.get(HOST, "/blog/2024/hello").statusCode()).isEqualTo(302);
        HttpResponse<byte[]> query = edge.get(HOST, "/docs?id=42&x=1");
        assertThat(query.headers().firstValue("location")).contains("/documents/42");
    }

    @Test
    void domainSourceKeepsThePath() throws Exception {
        HttpResponse<byte[]> alias = edge.get(ALIAS, "/pricing?plan=pro");
        assertThat(alias.statusCode()).isEqualTo(301);
        assertThat(alias.headers().firstValue("location")).contains("https://www.example.test/pricing?plan=pro");
    }

    @Test
    void rewritesServeTheTargetUnderTheOriginalAddress() throws Exception {
        HttpResponse<byte[]> rewritten = edge.get(HOST, "/app/settings/profile");
        assertThat(rewritten.statusCode()).isEqualTo(200);
        assertThat(text(rewritten)).isEqualTo("<h1>spa</h1>");
        assertThat(text(edge.get(HOST, "/about"))).as("existing files still win over 404-200").isEqualTo("about");
        HttpResponse<byte[]> fallback = edge.get(HOST, "/no/such/page");
        assertThat(fallback.statusCode()).isEqualTo(200);
        assertThat(text(fallback)).isEqualTo("<h1>spa</h1>");
    }

    @Test
    void rewritesToAnotherOriginAreProxiedByTheGateway() throws Exception {
        HttpResponse<byte[]> proxied = edge.get(HOST, "/api/users/7?page=2");
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(text(proxied)).isEqualTo("upstream /v1/users/7?page=2");
        assertThat(proxied.headers().firstValue("cache-control")).contains("no-store");
        assertThat(upstream.hosts()).last().isEqualTo(upstream.origin().substring("https://".length()));
        assertThat(edge.get(LOCKED, "/api/users/7").statusCode()).as("basic auth first").isEqualTo(401);
        assertThat(text(edge.get(LOCKED, "/api/users/7", "Authorization", basic("ann:s3cret"), "Cookie", "a=b")))
                .isEqualTo("upstream /v1/users/7");
        assertThat(upstream.credentials()).as("the site's password and cookies stay with the site").isEmpty();
    }

    @Test
    void customHeadersApplyByPatternAndLaterPatternsWin() throws Exception {
        HttpResponse<byte[]> page = edge.get(HOST, "/about");
        assertThat(page.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(page.headers().firstValue("cache-control")).contains("public, s-maxage=60");
        assertThat(edge.get(HOST, "/assets/a.css").headers().firstValue("cache-control")).contains("public, max-age=99");
    }

    @Test
    void customCacheControlIsOnlyFor200() throws Exception {
        publish(List.of(CustomRule.of("/<*>", "/index.html", "404")));
        try {
            HttpResponse<byte[]> missing = edge.get(HOST, "/missing");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(text(missing)).isEqualTo("<h1>spa</h1>");
            assertThat(missing.headers().firstValue("x-frame-options")).contains("DENY");
            assertThat(missing.headers().firstValue("cache-control").orElse("")).isNotEqualTo("public, s-maxage=60");
        } finally {
            publish(rules);
        }
    }

    @Test
    void appHeadersServeTheDeploymentWithoutCustomHttpAndChangeWithTheSnapshot() throws Exception {
        appHeaders = new CustomHeaders(List.of(new HeaderRule("**", List.of(new Header("X-App-Header", "one")))));
        try {
            publish(rules);
            assertThat(edge.get(IMMUTABLE, "/").headers().firstValue("x-app-header")).contains("one");
            HttpResponse<byte[]> own = edge.get(HOST, "/about");
            assertThat(own.headers().firstValue("x-app-header")).as("customHttp.yml overrides the app's").isEmpty();
            assertThat(own.headers().firstValue("x-frame-options")).contains("DENY");

            appHeaders = new CustomHeaders(List.of(new HeaderRule("**", List.of(new Header("X-App-Header", "two")))));
            publish(rules);
            assertThat(edge.get(IMMUTABLE, "/").headers().firstValue("x-app-header")).contains("two");
        } finally {
            appHeaders = null;
            publish(rules);
        }
        assertThat(edge.get(IMMUTABLE, "/").headers().firstValue("x-app-header")).isEmpty();
    }

    @Test
    void basicAuthAsks401ThenServes() throws Exception {
        HttpResponse<byte[]> challenge = edge.get(LOCKED, "/");
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("www-authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic realm="));
        assertThat(edge.get(LOCKED, "/", "Authorization", basic("ann:wrong")).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> ok = edge.get(LOCKED, "/", "Authorization", basic("ann:s3cret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(text(ok)).isEqualTo("<h1>spa</h1>");
        assertThat(edge.get(HOST, "/").statusCode()).as("other branches stay public").isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() throws Exception {
        assertThat(edge.get(GUESSED, "/").statusCode()).as("no credentials: not a failure").isEqualTo(401);
        for (int i = 0; i < 10; i++) {
            assertThat(edge.get(GUESSED, "/", "Authorization", basic("ann:guess" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<byte[]> throttled = edge.get(GUESSED, "/", "Authorization", basic("ann:s3cret"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("retry-after")).contains("60");
        assertThat(edge.get(GUESSED_PREVIEW, "/", "Authorization", basic("ann:guess-on")).statusCode())
                .as("the app's other hosts share the count").isEqualTo(429);
        assertThat(edge.get(LOCKED, "/", "Authorization", basic("ann:s3cret")).statusCode())
                .as("per app").isEqualTo(200);
    }

    @Test
    void everyRecentDeploymentHasItsOwnHost() throws Exception {
        assertThat(text(edge.get(IMMUTABLE, "/"))).isEqualTo("<h1>old</h1>");
        assertThat(text(edge.get(HOST, "/"))).isEqualTo("<h1>spa</h1>");
    }

    private static RouteSnapshot snapshot(long version, List<CustomRule> rules) {
        String auth = BasicAuthHash.create(Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8)));
        return new RouteSnapshot(version, List.of(
                new SiteRoute(HOST, APP, "main", "vcur00000001", current),
                new SiteRoute(LOCKED, APP, "locked", "vcur00000001", current, auth),
                new SiteRoute(GUESSED, GUESSED_APP, "guessed", "vcur00000001", current, auth),
                new SiteRoute(GUESSED_PREVIEW, GUESSED_APP, "pr-1", "vcur00000001", current, auth),
                new SiteRoute(ALIAS, APP, "alias", "vcur00000001", current),
                new SiteRoute(IMMUTABLE, APP, "main", "vold00000001", old)),
                List.of(new AppRoute(APP, rules, appHeaders)));
    }

    private static void publish(List<CustomRule> rules) throws InterruptedException {
        version++;
        controlPlane.publish(snapshot(version, rules));
        awaitVersion(version);
    }

    private static void awaitVersion(long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (edge.bean(dev.slipway.edge.feed.Routes.class).version() < version) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("edge did not apply route version " + version);
            }
            Thread.sleep(20);
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
