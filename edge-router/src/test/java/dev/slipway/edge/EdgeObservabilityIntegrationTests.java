package dev.slipway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.edge.feed.Routes;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.firewall.FirewallRules;
import dev.slipway.protocol.firewall.FirewallRules.IpRule;
import dev.slipway.protocol.redirect.CustomRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics and access logs of the real edge after real requests on each of its paths: the Netty-level cached hit, the
 * Reactor Netty fast path (a Range request, a redirect rule), the Gateway (a 200 rewrite to another origin, an unknown
 * host) and a firewall refusal. Metrics are scraped from the management port; access logs arrive, gzip-compressed, at
 * {@link FakeControlPlane}'s intake. Each request carries its own User-Agent, which finds its access-log entry.
 */
class EdgeObservabilityIntegrationTests {

    private static final String APP = "dobserve1234567";
    private static final String SITE = "main." + APP + ".localhost";
    private static final String DEPLOYMENT = "vobs00000001";
    private static final String HOME = "<h1>home</h1>";
    private static final String VISITOR = "127.0.0.1";
    private static final String BLOCKED = "127.0.0.3";

    @TempDir
    static Path dataDir;

    private static HttpsUpstream upstream;
    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;

    @BeforeAll
    static void start() throws Exception {
        String site = TestSites.in(dataDir).file("index.html", HOME).file("other.html", "other").deploy();
        upstream = new HttpsUpstream(dataDir);
        List<CustomRule> rules = List.of(CustomRule.of("/api/<*>", upstream.origin() + "/v1/<*>", "200"),
                CustomRule.of("/old", "/other.html", "301"));
        FirewallRules firewall = new FirewallRules("ALLOW", List.of(new IpRule(BLOCKED, "DENY")), List.of(), List.of());
        RouteSnapshot snapshot = new RouteSnapshot(1, List.of(new SiteRoute(SITE, APP, "main", DEPLOYMENT, site)),
                List.of(new AppRoute(APP, rules, null, firewall)));
        controlPlane = new FakeControlPlane("edge-token", snapshot);
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token",
                "--slipway.edge.proxy-allow=127.0.0.0/8",
                "--slipway.edge.proxy-ca-bundle=" + upstream.caBundle(),
                "--slipway.edge.access-log-interval=200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.bean(Routes.class).version() >= 1);
        // in the edge's memory from now on: plain GETs of / are answered by CachedHits
        await().atMost(Duration.ofSeconds(30)).until(() -> send(VISITOR, SITE, "/", "warm-up").statusCode() == 200
                && entry("warm-up", "Hit").isPresent());
    }

    @AfterAll
    static void stop() {
        RunningEdge.closeAll(edge, controlPlane, upstream);
    }

    @Test
    void everyPathIsCountedAndLogged() throws Exception {
        String scrape = scrape();
        double ok = value(scrape, "slipway_edge_requests_total", "app=\"" + APP + "\"", "status_class=\"2xx\"");
        double redirects = value(scrape, "slipway_edge_requests_total", "app=\"" + APP + "\"",
                "status_class=\"3xx\"");
        double refused = value(scrape, "slipway_edge_requests_total", "app=\"" + APP + "\"", "status_class=\"4xx\"");
        double bytes = value(scrape, "slipway_edge_response_bytes_total", "app=\"" + APP + "\"");
        double hits = value(scrape, "slipway_edge_cache_requests_total", "result=\"hit\"");
        double misses = value(scrape, "slipway_edge_cache_requests_total", "result=\"miss\"");
        double ipBlocks = value(scrape, "slipway_edge_blocked_requests_total", "reason=\"ip\"");
        double computeTimes = value(scrape, "slipway_edge_request_seconds_count", "result=\"Compute\"");

        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(send(VISITOR, SITE, "/", "hit"));
        answers.add(send(VISITOR, SITE, "/other.html?x=1", "miss", "Range", "bytes=0-1"));
        answers.add(send(VISITOR, SITE, "/old", "redirect"));
        answers.add(send(VISITOR, SITE, "/api/users", "compute"));
        answers.add(send(BLOCKED, SITE, "/", "blocked"));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 206, 301, 200, 403);
        long sent = answers.stream().mapToLong(answer -> answer.body().length()).sum();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String now = scrape();
            assertThat(value(now, "slipway_edge_requests_total", "app=\"" + APP + "\"", "status_class=\"2xx\""))
                    .isEqualTo(ok + 3);
            assertThat(value(now, "slipway_edge_requests_total", "app=\"" + APP + "\"", "status_class=\"3xx\""))
                    .isEqualTo(redirects + 1);
            assertThat(value(now, "slipway_edge_requests_total", "app=\"" + APP + "\"", "status_class=\"4xx\""))
                    .isEqualTo(refused + 1);
            assertThat(value(now, "slipway_edge_response_bytes_total", "app=\"" + APP + "\"")).isEqualTo(bytes + sent);
            assertThat(value(now, "slipway_edge_cache_requests_total", "result=\"hit\"")).isEqualTo(hits + 1);
            assertThat(value(now, "slipway_edge_cache_requests_total", "result=\"miss\"")).isEqualTo(misses + 1);
            assertThat(value(now, "slipway_edge_blocked_requests_total", "reason=\"ip\"")).isEqualTo(ipBlocks + 1);
            assertThat(value(now, "slipway_edge_request_seconds_count", "result=\"Compute\""))
                    .isEqualTo(computeTimes + 1);
            assertThat(value(now, "slipway_edge_route_snapshot_version")).isEqualTo(1);
            assertThat(value(now, "slipway_edge_route_snapshot_age_seconds")).isBetween(0.0, 60.0);
        });

        AccessLogEntry hit = await().atMost(Duration.ofSeconds(30)).until(() -> entry("hit", "Hit"), Optional::isPresent)
                .get();
        assertThat(hit).extracting(AccessLogEntry::host, AccessLogEntry::appId, AccessLogEntry::branch,
                        AccessLogEntry::deploymentId, AccessLogEntry::method, AccessLogEntry::path,
                        AccessLogEntry::status, AccessLogEntry::bytesSent, AccessLogEntry::clientAddress,
                        AccessLogEntry::scheme, AccessLogEntry::protocolVersion)
                .containsExactly(SITE, APP, "main", DEPLOYMENT, "GET", "/", 200, (long) HOME.length(), VISITOR, "http",
                        "HTTP/1.1");
        assertThat(hit.contentType()).startsWith("text/html");
        AccessLogEntry miss = awaitEntry("miss", "Miss");
        assertThat(miss).extracting(AccessLogEntry::path, AccessLogEntry::query, AccessLogEntry::status,
                AccessLogEntry::bytesSent).containsExactly("/other.html", "x=1", 206, 2L);
        AccessLogEntry redirect = awaitEntry("redirect", "Redirect");
        assertThat(redirect).extracting(AccessLogEntry::status, AccessLogEntry::deploymentId).containsExactly(301, null);
        AccessLogEntry compute = awaitEntry("compute", "Compute");
        assertThat(compute).extracting(AccessLogEntry::appId, AccessLogEntry::status, AccessLogEntry::bytesSent)
                .containsExactly(APP, 200, (long) "upstream /v1/users".length());
        AccessLogEntry blocked = awaitEntry("blocked", "Blocked");
        assertThat(blocked).extracting(AccessLogEntry::status, AccessLogEntry::blockedReason,
                AccessLogEntry::clientAddress).containsExactly(403, "ip", BLOCKED);
        assertThat(List.of(hit, miss, redirect, compute, blocked)).allSatisfy(entry -> {
            assertThat(entry.durationMicros()).isPositive();
            assertThat(entry.requestId()).isNotBlank();
        });
    }

    @Test
    void unknownHostsAreLoggedAsErrors() throws Exception {
        assertThat(send(VISITOR, "nowhere.localhost", "/x", "unknown").statusCode()).isEqualTo(404);
        AccessLogEntry unknown = awaitEntry("unknown", "Error");
        assertThat(unknown).extracting(AccessLogEntry::host, AccessLogEntry::appId, AccessLogEntry::status)
                .containsExactly("nowhere.localhost", null, 404);
    }

    @Test
    void metricsAndProbesAnswerOnlyOnTheManagementPort() throws Exception {
        assertThat(edge.managementPort()).isNotEqualTo(edge.port());
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> answer = management(probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).contains("\"UP\"");
        }
        for (String host : List.of(SITE, "localhost", "127.0.0.1")) {
            for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator")) {
                assertThat(send(VISITOR, host, path, "probe").statusCode()).as("%s%s on the sites' port", host, path)
                        .isEqualTo(404);
            }
        }
    }

    private static AccessLogEntry awaitEntry(String userAgent, String result) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> entry(userAgent, result), Optional::isPresent).get();
    }

    private static Optional<AccessLogEntry> entry(String userAgent, String result) {
        return controlPlane.accessLogs().stream()
                .filter(entry -> userAgent.equals(entry.userAgent()) && result.equals(entry.result())).findFirst();
    }

    private static String scrape() throws Exception {
        HttpResponse<String> answer = management("/actuator/prometheus");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** The sample of {@code name} whose labels include all of {@code labels}, summed over the rest; 0 when none. */
    private static double value(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> management(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.managementPort() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> send(String from, String host, String path, String userAgent,
            String... headers) throws Exception {
        String[] all = Stream.concat(Stream.of("User-Agent", userAgent), Arrays.stream(headers))
                .toArray(String[]::new);
        return edge.getFrom(from, host, path, all);
    }
}
