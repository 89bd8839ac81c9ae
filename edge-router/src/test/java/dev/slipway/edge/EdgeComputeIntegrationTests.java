package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.protocol.auth.BasicAuthHash;
import dev.slipway.protocol.edge.RecentDeployment;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.headers.HeaderRule;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.RouteTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * SSR deployments through the real edge: static routes answered by the edge itself, compute routes proxied through
 * the Gateway straight to the app at the address the compute host named in the snapshot gave (here one HTTP server
 * plays both: it answers {@link ComputeApi#INSTANCE} and {@link ComputeApi#ACTIVITY} and echoes every other request),
 * with the visitor's Host, {@code X-Forwarded-*} and the body.
 */
class EdgeComputeIntegrationTests {

    private static final String APP = "dssr000000001";
    private static final String HOST = "main." + APP + ".localhost";
    private static final String LOCKED = "locked." + APP + ".localhost";
    /** Its first address refuses connections, as an app that crashed or was stopped a moment ago. */
    private static final String MOVED = "moved." + APP + ".localhost";
    /** Its compute host cannot start it. */
    private static final String BROKEN = "broken." + APP + ".localhost";
    /** Its app is a websocket server. */
    private static final String SOCKETS = "sockets." + APP + ".localhost";
    /** Skew protection on: dep-skew-new is live, dep-skew-old (whose app answers under /old) still pinnable. */
    private static final String SKEW = "skew." + APP + ".localhost";
    private static final List<ComputeRoute> ROUTES = List.of(
            // the app answers 404 under /docs/ (see echo): the deployment's own file is served instead
            new ComputeRoute("/docs/*", RouteTarget.compute(), RouteTarget.staticFiles("public, max-age=60")),
            new ComputeRoute("/_next/static/*", RouteTarget.staticFiles("public, max-age=31536000, immutable"), null),
            new ComputeRoute("/*.*", RouteTarget.staticFiles(null), RouteTarget.compute()),
            new ComputeRoute("/*", RouteTarget.compute(), null));

    @TempDir
    static Path dataDir;

    private static HttpServer computeHost;
    /** The snapshot's key; the stand-in compute host refuses calls without it, as the real one does. */
    private static final String ACCESS_KEY = "edge-test-compute-key";
    /** Echoes websocket frames, prefixed with the Host header of the upgrade request. */
    private static DisposableServer websocketApp;
    private static final AtomicInteger computeRequests = new AtomicInteger();
    private static final List<String> instanceQueries = new CopyOnWriteArrayList<>();
    private static final List<String> activityReports = new CopyOnWriteArrayList<>();
    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;
    private static String manifest;

    @BeforeAll
    static void start() throws Exception {
        computeHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        computeHost.createContext("/", EdgeComputeIntegrationTests::echo);
        computeHost.createContext(ComputeApi.INSTANCE, EdgeComputeIntegrationTests::instance);
        computeHost.createContext(ComputeApi.ACTIVITY, EdgeComputeIntegrationTests::activity);
        computeHost.start();
        websocketApp = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    String host = request.requestHeaders().get("Host");
                    return response.sendWebsocket((in, out) -> out.sendString(
                            in.receive().asString().map(text -> host + " says " + text)));
                }).bindNow();
        ComputeBundle bundle = new ComputeBundle("server.js", "nodejs22.x", "nextjs", "16.4.3", ROUTES,
                new TreeMap<>(Map.of()));
        manifest = TestSites.in(dataDir).file("_next/static/app.js", "console.log(1)").file("favicon.ico", "ico")
                .file("docs/guide.html", "<h1>the static guide</h1>")
                .deploy(new CustomHeaders(List.of(new HeaderRule("**", List.of(new Header("X-Frame-Options", "DENY"))))),
                        bundle);
        controlPlane = new FakeControlPlane("edge-token", snapshot(1, List.of(computeUrl())));
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token");
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
        if (computeHost != null) {
            computeHost.stop(0);
        }
        if (websocketApp != null) {
            websocketApp.disposeNow();
        }
    }

    @Test
    void staticRoutesNeverReachTheComputeHost() throws Exception {
        int before = computeRequests.get();
        HttpResponse<byte[]> asset = edge.get(HOST, "/_next/static/app.js");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        assertThat(edge.get(HOST, "/favicon.ico").statusCode()).isEqualTo(200);
        assertThat(computeRequests.get()).isEqualTo(before);
    }

    @Test
    void skewProtectionSendsAPinnedRequestToItsDeploymentsApp() throws Exception {
        assertThat(text(edge.get(SKEW, "/items/1", "X-Amplify-Dpl", "dep-skew-old"))).contains("GET /old/items/1");
        assertThat(text(edge.get(SKEW, "/items/1?dpl=dep-skew-old"))).contains("GET /old/items/1?dpl=dep-skew-old");
        assertThat(text(edge.get(SKEW, "/items/1", "Cookie", "_dpl=dep-skew-old"))).contains("GET /old/items/1");
        assertThat(text(edge.get(SKEW, "/items/1", "Cookie", "_dpl=dep-main"))).contains("GET /items/1");
        assertThat(instanceQueries).contains("deployment=dep-skew-new&manifest=" + manifest);
        // HTML answers of the app carry the cookie of the deployment that answered; other answers none
        HttpResponse<byte[]> page = edge.get(SKEW, "/a.page", "X-Amplify-Dpl", "dep-skew-old");
        assertThat(text(page)).contains("GET /old/a.page");
        assertThat(page.headers().allValues("set-cookie")).containsExactly("_dpl=dep-skew-old; Path=/; SameSite=Lax");
        assertThat(edge.get(SKEW, "/a.page").headers().allValues("set-cookie"))
                .containsExactly("_dpl=dep-skew-new; Path=/; SameSite=Lax");
        assertThat(edge.get(SKEW, "/items/1").headers().allValues("set-cookie")).isEmpty();
        assertThat(edge.get(HOST, "/a.page").headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void computeRoutesReachTheAppAsTheVisitorSentThem() throws Exception {
        HttpResponse<byte[]> page = edge.get(HOST, "/items/42?tab=a%20b", ComputeApi.DEPLOYMENT_HEADER, "spoofed");
        assertThat(page.statusCode()).isEqualTo(200);
        String seen = text(page);
        assertThat(seen).contains("GET /items/42?tab=a%20b", "host=" + HOST, "deployment=null",
                "x-forwarded-for=127.0.0.1");
        assertThat(instanceQueries).as("the edge asked the compute host where this deployment answers")
                .contains("deployment=dep-main&manifest=" + manifest);
        assertThat(page.headers().firstValue("x-frame-options")).as("custom headers apply to compute answers")
                .contains("DENY");
        assertThat(text(edge.get(HOST, "/data.json"))).as("a missing file falls back to compute")
                .contains("GET /data.json");
    }

    @Test
    void aComputeRoutesStaticFallbackAnswersInsteadOfTheApps404() throws Exception {
        HttpResponse<byte[]> guide = edge.get(HOST, "/docs/guide.html");
        assertThat(guide.statusCode()).isEqualTo(200);
        assertThat(text(guide)).isEqualTo("<h1>the static guide</h1>");
        assertThat(guide.headers().firstValue("cache-control")).contains("public, max-age=60");
        assertThat(guide.headers().firstValue("x-frame-options")).contains("DENY");

        HttpResponse<byte[]> missing = edge.get(HOST, "/docs/nothing.html");
        assertThat(missing.statusCode()).as("no file either: the app's own 404").isEqualTo(404);
        assertThat(text(missing)).contains("the app has no /docs/nothing.html");
        assertThat(edge.post(HOST, "/docs/guide.html", "x").statusCode()).as("GET only").isEqualTo(404);
        assertThat(text(edge.get(HOST, "/items/after-fallback"))).as("the edge keeps answering")
                .contains("GET /items/after-fallback");
    }

    @Test
    void bodiesAndMethodsGoThrough() throws Exception {
        HttpResponse<byte[]> posted = edge.post(HOST, "/api/echo", "hello body");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(text(posted)).contains("POST /api/echo", "body=hello body");
    }

    @Test
    void basicAuthIsCheckedBeforeAnythingIsProxied() throws Exception {
        int before = computeRequests.get();
        assertThat(edge.get(LOCKED, "/items/1").statusCode()).isEqualTo(401);
        assertThat(computeRequests.get()).isEqualTo(before);
        String basic = "Basic " + Base64.getEncoder().encodeToString("team:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(text(edge.get(LOCKED, "/items/1", "Authorization", basic))).contains("host=" + LOCKED);
        assertThat(edge.get(LOCKED, "/items/1", "Authorization", basic).statusCode()).as("verdict remembered")
                .isEqualTo(200);
    }

    @Test
    void anAddressThatRefusesIsReplacedAndTheRequestSentOnceMore() throws Exception {
        HttpResponse<byte[]> posted = edge.post(MOVED, "/api/echo", "kept body");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(text(posted)).contains("POST /api/echo", "body=kept body");
        assertThat(instanceQueries).contains("deployment=dep-moved&manifest=" + manifest,
                "deployment=dep-moved&manifest=" + manifest + "&failed=dead-container");
    }

    @Test
    void theComputeHostsReasonReachesTheVisitor() throws Exception {
        HttpResponse<byte[]> refused = edge.get(BROKEN, "/items/1");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(text(refused)).contains("could not start: node exited with code 1");
        assertThat(refused.headers().firstValue("retry-after")).contains("4");
    }

    @Test
    void websocketsReachTheAppBothWays() {
        List<String> answers = HttpClient.create()
                .headers(headers -> headers.set("Host", SOCKETS))
                .websocket()
                .uri("ws://127.0.0.1:" + edge.port() + "/live")
                .handle((in, out) -> out.sendString(Flux.just("one", "two")).then()
                        .thenMany(in.receive().asString().take(2)))
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(answers).containsExactly(SOCKETS + " says one", SOCKETS + " says two");
    }

    @Test
    void theEdgeReportsWhichDeploymentsItUsed() throws Exception {
        assertThat(edge.get(HOST, "/items/activity").statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (activityReports.stream().noneMatch(report -> report.contains("\"dep-main\""))) {
            assertThat(System.nanoTime()).as("an activity report naming dep-main").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void withoutALiveComputeHostTheVisitorGetsA5xxAtOnce() throws Exception {
        try {
            controlPlane.publish(snapshot(2, List.of()));
            awaitVersion(2);
            HttpResponse<byte[]> refused = edge.get(HOST, "/items/1");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            assertThat(edge.get(HOST, "/favicon.ico").statusCode()).as("static files still served").isEqualTo(200);
            controlPlane.publish(snapshot(3, List.of("http://127.0.0.1:" + TestSites.closedPort())));
            awaitVersion(3);
            assertThat(edge.get(HOST, "/items/1").statusCode()).as("a dead compute host").isBetween(500, 599);
        } finally {
            controlPlane.publish(snapshot(4, List.of(computeUrl())));
            awaitVersion(4);
        }
    }

    private static String computeUrl() {
        return "http://127.0.0.1:" + computeHost.getAddress().getPort();
    }

    private static RouteSnapshot snapshot(long version, List<String> computeHosts) {
        String locked = BasicAuthHash.create(
                Base64.getEncoder().encodeToString("team:secret".getBytes(StandardCharsets.UTF_8)));
        return new RouteSnapshot(version, List.of(
                new SiteRoute(HOST, APP, "main", "dep-main", manifest),
                new SiteRoute(LOCKED, APP, "locked", "dep-locked", manifest, locked),
                new SiteRoute(MOVED, APP, "moved", "dep-moved", manifest),
                new SiteRoute(BROKEN, APP, "broken", "dep-broken", manifest),
                new SiteRoute(SOCKETS, APP, "sockets", "dep-sockets", manifest),
                new SiteRoute(SKEW, APP, "skew", "dep-skew-new", manifest, null,
                        List.of(new RecentDeployment("dep-skew-old", manifest, null)))),
                List.of(), List.of(), List.of(), computeHosts, ACCESS_KEY);
    }

    private static void awaitVersion(long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!text(edge.get("any.localhost", "/_slipway/health")).contains("\"routeVersion\":" + version)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("edge never reached route version " + version);
            }
            Thread.sleep(50);
        }
    }

    /** Every deployment answers on this server itself, except dep-moved's first address, dep-broken and dep-sockets. */
    private static void instance(HttpExchange exchange) throws IOException {
        if (!ACCESS_KEY.equals(exchange.getRequestHeaders().getFirst(ComputeApi.ACCESS_KEY_HEADER))) {
            respond(exchange, 403, "text/plain", "no compute access key");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        instanceQueries.add(query);
        if (query.contains("deployment=dep-broken")) {
            exchange.getResponseHeaders().set("Retry-After", "4");
            respond(exchange, 502, "text/plain", "the app of deployment dep-broken could not start: node exited with code 1");
        } else if (query.contains("deployment=dep-skew-old")) {
            respond(exchange, 200, "application/json",
                    "{\"url\":\"" + computeUrl() + "/old\",\"containerId\":\"old-container\"}");
        } else if (query.contains("deployment=dep-sockets")) {
            respond(exchange, 200, "application/json", "{\"url\":\"http://127.0.0.1:" + websocketApp.port()
                    + "\",\"containerId\":\"socket-container\"}");
        } else if (query.contains("deployment=dep-moved") && !query.contains("failed=")) {
            respond(exchange, 200, "application/json",
                    "{\"url\":\"http://127.0.0.1:" + TestSites.closedPort() + "\",\"containerId\":\"dead-container\"}");
        } else {
            respond(exchange, 200, "application/json",
                    "{\"url\":\"" + computeUrl() + "\",\"containerId\":\"echo-container\"}");
        }
    }

    private static void activity(HttpExchange exchange) throws IOException {
        if (!ACCESS_KEY.equals(exchange.getRequestHeaders().getFirst(ComputeApi.ACCESS_KEY_HEADER))) {
            respond(exchange, 403, "text/plain", "no compute access key");
            return;
        }
        activityReports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        respond(exchange, 200, "application/json", "{\"running\":{\"dep-main\":\"echo-container\"}}");
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void echo(HttpExchange exchange) throws IOException {
        computeRequests.incrementAndGet();
        var headers = exchange.getRequestHeaders();
        String seen = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                + "\nhost=" + headers.getFirst("Host")
                + "\ndeployment=" + headers.getFirst(ComputeApi.DEPLOYMENT_HEADER)
                + "\nx-forwarded-for=" + headers.getFirst("X-Forwarded-For")
                + "\nbody=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/docs/")) {
            respond(exchange, 404, "text/plain", "the app has no " + path);
        } else if (path.endsWith(".page")) {
            respond(exchange, 200, "text/html; charset=utf-8", seen);
        } else {
            respond(exchange, 200, "text/plain", seen);
        }
    }
}
