package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.e2e.Api;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SlipwayStack;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, C1: the runner and edge APIs of a running {@code ./slipway up} refuse calls without their token however
 * the path is spelled, a compute host must prove who it is before edges are sent to it, and the compute host's port
 * serves only edges. (Every mapped endpoint is walked by AnonymousAccessIntegrationTests in the control plane.)
 */
class InternalApiIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void runnerAndEdgeApisRefuseCallsWithoutTheirTokenHoweverThePathIsSpelled() throws Exception {
        SlipwayStack stack = SecurityStack.get();
        JsonNode app = SecurityStack.createApp("c1-probe", "https://git.example.test/team/site.git", Map.of());
        String appId = app.path("appId").asString();
        Api api = SecurityStack.api();
        // a queued job the probe must not be able to lease (it fails to clone later; that is fine)
        assertThat(api.post("/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE")).status())
                .isEqualTo(201);
        List<String[]> probes = List.of(
                new String[] {"POST", "/%72unner/v1/lease", "{\"runnerId\":\"probe\",\"waitMillis\":0}"},
                new String[] {"GET", "/%65dge/v1/routes", null},
                new String[] {"GET", "/%72unner/v1/compute/deployments/anything", null},
                new String[] {"POST", "/%72unner/v1/jobs/1/complete", "{\"status\":\"SUCCEED\"}"},
                new String[] {"POST", "/%72unner/v1/compute/heartbeat", "{\"hostId\":\"x\",\"url\":\"http://127.0.0.1:1\"}"},
                new String[] {"POST", "/runner/v1/lease", "{\"runnerId\":\"probe\",\"waitMillis\":0}"},
                new String[] {"GET", "/edge/v1/routes", null},
                new String[] {"GET", "/edge//v1/routes", null},
                new String[] {"GET", "/edge/v1/routes/", null},
                new String[] {"GET", "/edge;x=1/v1/routes", null},
                new String[] {"GET", "/EDGE/v1/routes", null});
        for (String[] probe : probes) {
            HttpResponse<String> answer = send(stack.apiUrl(), probe[0], probe[1], probe[2], null);
            assertThat(answer.statusCode()).as(probe[0] + " " + probe[1] + " answered: " + answer.body())
                    .isIn(400, 401, 403, 302);
            assertThat(answer.body()).doesNotContain("leaseId").doesNotContain("\"sites\"");
        }
        // the user's token does not open the machine APIs either
        assertThat(send(stack.apiUrl(), "GET", "/%65dge/v1/routes", null, stack.token).statusCode()).isEqualTo(403);
    }

    @Test
    void aComputeHostMustProveItselfBeforeEdgesAreSentToIt() throws Exception {
        SlipwayStack stack = SecurityStack.get();
        String runnerToken = SecurityStack.machineToken("runner-token");
        String edgeToken = SecurityStack.machineToken("edge-token");
        // an address where something answers, but no compute host holding the runner token
        AtomicInteger impostorCalls = new AtomicInteger();
        HttpServer impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        impostor.createContext("/", exchange -> {
            impostorCalls.incrementAndGet();
            byte[] body = "not a proof".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        impostor.start();
        try {
            String impostorUrl = "http://127.0.0.1:" + impostor.getAddress().getPort();
            HttpResponse<String> beat = send(stack.apiUrl(), "POST", "/runner/v1/compute/heartbeat",
                    "{\"hostId\":\"impostor\",\"url\":\"" + impostorUrl + "\"}", runnerToken);
            assertThat(beat.statusCode()).as(beat.body()).isEqualTo(400);
            assertThat(beat.body()).contains("No compute host could be verified at " + impostorUrl);
            assertThat(impostorCalls.get()).as("the control plane challenged the announced address").isPositive();
            JsonNode routes = Api.JSON.readTree(
                    send(stack.apiUrl(), "GET", "/edge/v1/routes?since=0", null, edgeToken).body());
            List<String> hosts = routes.path("computeHosts").valueStream().map(JsonNode::asString).toList();
            assertThat(hosts).doesNotContain(impostorUrl);
            // the stack's own compute host proved itself and is what edges get, with the key they must present
            String ownHost = "http://127.0.0.1:" + stack.computePort;
            assertThat(hosts).contains(ownHost);
            assertThat(routes.path("computeAccessKey").asString()).hasSizeGreaterThan(20);
        } finally {
            impostor.stop(0);
        }
    }

    @Test
    void theComputeHostPortServesOnlyEdges() throws Exception {
        SlipwayStack stack = SecurityStack.get();
        String computeUrl = "http://127.0.0.1:" + stack.computePort;
        HttpResponse<String> health = PushToLiveIntegrationTests.await(Duration.ofSeconds(30),
                () -> send(computeUrl, "GET", "/_slipway/compute/health", null, null),
                answer -> answer.statusCode() == 200);
        assertThat(health.body()).as("no deployment list without the key").isEqualTo("{\"status\":\"UP\"}");
        for (String bare : List.of("/_slipway/compute/instance?deployment=anything", "/")) {
            HttpRequest forwarded = HttpRequest.newBuilder(URI.create(computeUrl + bare))
                    .header("X-Slipway-Deployment", "anything").header("X-Slipway-Manifest", "0".repeat(64))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> answer = http.send(forwarded, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(bare + ": " + answer.body()).isEqualTo(403);
        }
        HttpRequest forgedKey = HttpRequest.newBuilder(URI.create(computeUrl + "/"))
                .header("X-Slipway-Deployment", "anything").header("X-Slipway-Compute-Key", "guessed")
                .timeout(Duration.ofSeconds(10)).GET().build();
        assertThat(http.send(forgedKey, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> send(String base, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
