package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlipwayStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 M1 and L4 with a real other origin: an HTTPS server on 127.0.0.1, which a stack of its own may reach
 * because {@code SLIPWAY_EDGE_PROXY_ALLOW} lists loopback and {@code SLIPWAY_EDGE_PROXY_CA_BUNDLE} its certificate.
 * The origin never sees the visitor's credentials or Slipway's headers; an origin that is down, unknown or slow is a
 * 502 or 504, and its redirects reach the visitor as they are.
 */
class EdgeProxyOriginIntegrationTests {

    private static HttpsOrigin origin;
    private static SlipwayStack stack;
    private static String host;

    @BeforeAll
    static void startAnOriginAndAStackThatMayReachIt() throws Exception {
        Path temp = Files.createTempDirectory("slipway-edge-origin");
        origin = new HttpsOrigin(temp);
        int closed;
        try (ProbeListener nothing = new ProbeListener()) {
            closed = nothing.port(); // nothing listens there once closed
        }
        String token = "edge-origin-" + UUID.randomUUID();
        stack = SlipwayStack.start(temp.resolve("data"), token, Map.of(
                "SLIPWAY_EXECUTOR", "local",
                "SLIPWAY_EDGE_PROXY_ALLOW", "127.0.0.0/8",
                "SLIPWAY_EDGE_PROXY_CA_BUNDLE", origin.caBundle().toString(),
                "SLIPWAY_EDGE_PROXY_TIMEOUT", "2s"));
        Api api = new Api(stack.apiUrl(), token);
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            repo.commitPage("Origin test home");
            String at = "https://localhost:" + origin.port();
            String appId = api.post("/api/v1/apps", Map.of("name", "edge-origin", "repository", repo.url(),
                    "customRules", List.of(
                            rule("/api/<*>", at + "/<*>"),
                            rule("/slow", at + "/slow"),
                            rule("/redirect", at + "/redirect"),
                            rule("/down", "https://localhost:" + closed + "/"),
                            rule("/nowhere", "https://nowhere.invalid/"))))
                    .json().path("app").path("appId").asString();
            api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
            SecuritySites.deployMain(api, stack.edgeUrl(), appId, "Origin test home");
            host = "main." + appId + ".localhost";
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void theOtherOriginGetsNeitherTheVisitorsCredentialsNorSlipwaysHeaders() throws Exception {
        HttpResponse<String> proxied = visit("/api/echo?q=1", Map.of(
                "Authorization", "Basic dmlzaXRvcjpzZWNyZXQ=", "Cookie", "session=visitor",
                "X-Slipway-Deployment", "another-app", "X-Visitor", "kept"));
        assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo("from the origin: /echo?q=1\n");
        HttpsOrigin.Request seen = origin.requests().stream().filter(r -> r.path().startsWith("/echo")).findFirst()
                .orElseThrow();
        assertThat(seen.headers().getFirst("X-Visitor")).isEqualTo("kept");
        assertThat(seen.headers().keySet()).as("what reached the other origin")
                .noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("Cookie")
                        || h.toLowerCase().startsWith("x-slipway-"));
    }

    @Test
    void anOriginThatCannotBeReachedOrIsSlowIsAGatewayError() throws Exception {
        assertThat(visit("/down", Map.of()).statusCode()).as("connection refused").isEqualTo(502);
        assertThat(visit("/nowhere", Map.of()).statusCode()).as("unknown host").isEqualTo(502);
        HttpResponse<String> slow = visit("/slow", Map.of());
        assertThat(slow.statusCode()).as("the origin answers after 6 s, the edge waits 2: " + slow.body())
                .isEqualTo(504);
    }

    @Test
    void theOriginsRedirectIsTheVisitorsToFollow() throws Exception {
        HttpResponse<String> redirect = visit("/redirect", Map.of());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("http://127.0.0.1:1/");
    }

    private static Map<String, String> rule(String source, String target) {
        return Map.of("source", source, "target", target, "status", "200");
    }

    private static HttpResponse<String> visit(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.edgeUrl() + path)).header("Host", host)
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
