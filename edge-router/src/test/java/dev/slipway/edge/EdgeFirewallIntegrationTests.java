package dev.slipway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.edge.feed.Routes;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.firewall.FirewallRules;
import dev.slipway.protocol.firewall.FirewallRules.CountryRule;
import dev.slipway.protocol.firewall.FirewallRules.IpRule;
import dev.slipway.protocol.firewall.FirewallRules.RateLimit;
import dev.slipway.protocol.redirect.CustomRule;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge firewall against the real edge, from loopback addresses of our own choosing (the client binds to
 * 127.0.0.1, .2 or .3): 127.0.0.2 is the trusted proxy, whose X-Forwarded-For and country header count; the others
 * are visitors. Each app has its own rules, and every verdict is checked on the paths a request can take: the plain
 * Netty hit ({@code CachedHits}), the Reactor Netty fast path (a Range request) and the Gateway (a 200 rewrite to
 * another origin).
 */
class EdgeFirewallIntegrationTests {

    private static final String DENYING = "open.ddenying123456.localhost";
    private static final String ALLOWING = "only.dallowing12345.localhost";
    private static final String GEO = "geo.dgeo1234567890.localhost";
    private static final String BUSY = "busy.dbusy123456789.localhost";
    private static final String PLAIN = "main.dplain12345678.localhost";
    private static final String VISITOR = "127.0.0.1";
    private static final String PROXY = "127.0.0.2";
    private static final String BLOCKED = "127.0.0.3";
    private static final int PER_SECOND = 3;

    @TempDir
    static Path dataDir;

    private static HttpsUpstream upstream;
    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;

    @BeforeAll
    static void start() throws Exception {
        String site = TestSites.in(dataDir).file("index.html", "<h1>home</h1>").file("limited/a.html", "a")
                .file("other.html", "other").deploy();
        upstream = new HttpsUpstream(dataDir);
        List<CustomRule> proxy = List.of(CustomRule.of("/api/<*>", upstream.origin() + "/v1/<*>", "200"));
        FirewallRules denying = new FirewallRules("ALLOW",
                List.of(new IpRule(BLOCKED, "DENY"), new IpRule("203.0.113.0/24", "deny"),
                        new IpRule("2001:db8::/32", "DENY")), List.of(), List.of());
        FirewallRules allowing = new FirewallRules("DENY", List.of(new IpRule(VISITOR + "/32", "ALLOW")), List.of(),
                List.of());
        FirewallRules geo = new FirewallRules(null, List.of(), List.of(new CountryRule("de", "DENY")), List.of());
        FirewallRules busy = new FirewallRules(null, List.of(), List.of(),
                List.of(new RateLimit("/limited/", PER_SECOND, null)));
        RouteSnapshot snapshot = new RouteSnapshot(1, List.of(
                new SiteRoute(DENYING, "ddenying123456", "open", "vfw000000001", site),
                new SiteRoute(ALLOWING, "dallowing12345", "only", "vfw000000001", site),
                new SiteRoute(GEO, "dgeo1234567890", "geo", "vfw000000001", site),
                new SiteRoute(BUSY, "dbusy123456789", "busy", "vfw000000001", site),
                new SiteRoute(PLAIN, "dplain12345678", "main", "vfw000000001", site)),
                List.of(new AppRoute("ddenying123456", proxy, null, denying),
                        new AppRoute("dallowing12345", proxy, null, allowing),
                        new AppRoute("dgeo1234567890", List.of(), null, geo),
                        new AppRoute("dbusy123456789", List.of(), null, busy)));
        controlPlane = new FakeControlPlane("edge-token", snapshot);
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token",
                "--slipway.edge.proxy-allow=127.0.0.0/8",
                "--slipway.edge.proxy-ca-bundle=" + upstream.caBundle(),
                "--slipway.edge.trusted-proxies=" + PROXY + "/32",
                "--slipway.edge.country-header=CF-IPCountry");
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.bean(Routes.class).version() >= 1);
        // the files in the edge's memory cache: from now on plain GETs are answered by CachedHits, Range requests by
        // the Reactor Netty fast path, /api/ by the Gateway
        for (String path : List.of("/", "/limited/a.html", "/other.html")) {
            assertThat(status(VISITOR, PLAIN, path)).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        RunningEdge.closeAll(edge, controlPlane, upstream);
    }

    @Test
    void denyListRefusesTheListedAddressOnEveryPath() throws Exception {
        for (String[] headers : List.of(new String[0], new String[] {"Range", "bytes=0-3"})) {
            assertThat(status(BLOCKED, DENYING, "/", headers)).as("denied %s", List.of(headers)).isEqualTo(403);
            assertThat(status(VISITOR, DENYING, "/", headers)).isIn(200, 206);
        }
        HttpResponse<String> proxied = send(BLOCKED, DENYING, "/api/users");
        assertThat(proxied.statusCode()).as("Gateway path").isEqualTo(403);
        assertThat(send(VISITOR, DENYING, "/api/users").body()).isEqualTo("upstream /v1/users");
        assertThat(upstream.hosts()).hasSize(1);
        assertThat(status(BLOCKED, PLAIN, "/")).as("other apps are not affected").isEqualTo(200);
    }

    @Test
    void allowListWithDefaultDenyLetsOnlyTheListedAddressIn() throws Exception {
        assertThat(status(VISITOR, ALLOWING, "/")).isEqualTo(200);
        assertThat(status(BLOCKED, ALLOWING, "/")).isEqualTo(403);
        assertThat(status(BLOCKED, ALLOWING, "/", "Range", "bytes=0-3")).isEqualTo(403);
        assertThat(status(BLOCKED, ALLOWING, "/api/x")).isEqualTo(403);
        assertThat(status(PROXY, ALLOWING, "/")).as("the proxy itself is not the client listed").isEqualTo(403);
        assertThat(status(PROXY, ALLOWING, "/", "X-Forwarded-For", VISITOR)).isEqualTo(200);
    }

    @Test
    void forwardedForCountsOnlyFromTheTrustedProxyAndOnlyItsRightMostUntrustedEntry() throws Exception {
        assertThat(status(PROXY, DENYING, "/", "X-Forwarded-For", "203.0.113.9")).isEqualTo(403);
        assertThat(status(PROXY, DENYING, "/", "X-Forwarded-For", "2001:db8::1")).isEqualTo(403);
        assertThat(status(PROXY, DENYING, "/", "X-Forwarded-For", "198.51.100.1")).isEqualTo(200);
        assertThat(status(PROXY, DENYING, "/", "X-Forwarded-For", BLOCKED + ", " + PROXY)).isEqualTo(403);
        assertThat(status(PROXY, DENYING, "/api/a", "X-Forwarded-For", "203.0.113.9")).isEqualTo(403);
        // what the visitor wrote left of the address the proxy saw proves nothing
        assertThat(status(PROXY, DENYING, "/", "X-Forwarded-For", "203.0.113.9, 198.51.100.1")).isEqualTo(200);
        // a visitor talking to the edge directly cannot claim another address
        assertThat(status(BLOCKED, DENYING, "/", "X-Forwarded-For", "198.51.100.1")).isEqualTo(403);
        assertThat(status(VISITOR, DENYING, "/", "X-Forwarded-For", "203.0.113.9")).isEqualTo(200);
    }

    @Test
    void countryHeaderCountsOnlyFromTheTrustedProxy() throws Exception {
        assertThat(status(PROXY, GEO, "/", "CF-IPCountry", "DE")).isEqualTo(403);
        assertThat(status(PROXY, GEO, "/", "CF-IPCountry", "DE", "Range", "bytes=0-1")).isEqualTo(403);
        assertThat(status(PROXY, GEO, "/", "CF-IPCountry", "FR")).isEqualTo(200);
        assertThat(status(PROXY, GEO, "/")).isEqualTo(200);
        assertThat(status(VISITOR, GEO, "/", "CF-IPCountry", "DE")).as("claimed by a visitor").isEqualTo(200);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterThenLetsTheClientInAgain() throws Exception {
        // the window starts with the client's first request, so at least PER_SECOND requests pass before a 429
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (limited == null && System.nanoTime() < deadline) {
            HttpResponse<String> response = send(VISITOR, BUSY, "/limited/a.html");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertThat(statuses.subList(0, PER_SECOND)).containsOnly(200);
        assertThat(limited.headers().firstValue("Retry-After")).as("the rest of a one-second window").contains("1");
        assertThat(status(VISITOR, BUSY, "/other.html")).as("other paths are not limited").isEqualTo(200);
        assertThat(status(PROXY, BUSY, "/limited/a.html")).as("other clients count apart").isEqualTo(200);
        assertThat(status(VISITOR, BUSY, "/limited/a.html", "Range", "bytes=0-0")).as("fast path")
                .isIn(429, 206);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(VISITOR, BUSY, "/limited/a.html") == 200);
    }

    private static int status(String from, String host, String path, String... headers) throws Exception {
        return send(from, host, path, headers).statusCode();
    }

    private static HttpResponse<String> send(String from, String host, String path, String... headers)
            throws Exception {
        return edge.getFrom(from, host, path, headers);
    }
}
