package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SiteRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 M2 (a regex rule must not stall the edge), L5 (the basic-auth throttle counts per app, not per host) and
 * L6 (basic-auth passwords are stored as a slow hash) against the real processes of {@link SecurityStack}: two apps
 * built in Docker and served by the edge. L5 runs last, as it leaves this machine throttled on the locked app.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedirectAndBasicAuthIntegrationTests {

    /** HTTP/1.1: one connection per concurrent request, so the hostile requests reach every event-loop thread. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "team:correct-horse";

    private record Deployed(String appId, String host, String deploymentId) {
    }

    private static Deployed hostile;
    private static Deployed locked;

    @BeforeAll
    static void deployTwoApps() throws Exception {
        try (SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("redirect-auth"))) {
            hostile = deploy("redirect-hostile", repo, "Hostile rules");
            locked = deploy("redirect-locked", repo, "Locked site");
        }
    }

    @Test
    @Order(1)
    void aCatastrophicRegexRuleNeitherStallsItsSiteNorAnyOther() throws Exception {
        Api api = SecurityStack.api();
        Api.Response saved = api.patch("/api/v1/apps/" + hostile.appId(), Map.of("customRules",
                List.of(Map.of("source", "</(.*a){12}$/>", "target", "/matched", "status", "301"))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        HttpResponse<String> applied = PushToLiveIntegrationTests.await(Duration.ofSeconds(20),
                () -> visit(hostile.host(), "/" + "ba".repeat(12), null, 10), r -> r.statusCode() == 301);
        assertThat(applied.headers().firstValue("Location")).contains("/matched");
        assertThat(visit(locked.host(), "/", PASSWORD, 10).statusCode()).isEqualTo(200);

        // a backtracking engine needs seconds for each of these (java.util.regex took 8 s for 28 a's); more
        // requests than the edge has event-loop threads
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> attacks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            attacks.add(HTTP.sendAsync(request(hostile.host(), "/" + "a".repeat(26) + "!" + i, null, 120),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        long otherStart = System.nanoTime();
        HttpResponse<String> other = visit(locked.host(), "/", PASSWORD, 30);
        long otherMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - otherStart);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).contains("Locked site");
        assertThat(otherMillis).as("another site answered while hostile lookups ran").isLessThan(2000);
        for (CompletableFuture<HttpResponse<String>> attack : attacks) {
            assertThat(attack.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("all hostile requests answered")
                .isLessThan(5000);

        Api.Response backreference = api.patch("/api/v1/apps/" + hostile.appId(), Map.of("customRules",
                List.of(Map.of("source", "</(a+)\\1$/>", "target", "/x", "status", "301"))));
        assertThat(backreference.status()).isEqualTo(400);
        assertThat(backreference.body()).contains("customRules[0]", "linear-time engine (RE2)", "\\\\1");
    }

    @Test
    @Order(2)
    void passwordsAreStoredAsASlowHashAndStillLogIn() throws Exception {
        String stored = routedSite(locked.host()).path("basicAuth").asString();
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotStartWith("sha256$").doesNotContain("horse");
        assertThat(visit(locked.host(), "/", null, 10).statusCode()).isEqualTo(401);
        assertThat(visit(locked.host(), "/", "team:wrong-horse", 10).statusCode()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = visit(locked.host(), "/", PASSWORD, 10);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Locked site");
        }
    }

    @Test
    @Order(3)
    void guessesOnTheBranchAndTheImmutableHostAreThrottledTogether() throws Exception {
        String immutable = locked.deploymentId() + "." + locked.appId() + ".localhost";
        assertThat(routedSite(immutable).path("basicAuth").asString()).isNotEmpty();
        int refused = 0;
        int status = 0;
        for (int guess = 0; guess < 12 && status != 429; guess++) {
            status = visit(locked.host(), "/", "team:guess-" + guess, 10).statusCode();
            refused += status == 401 ? 1 : 0;
        }
        assertThat(status).isEqualTo(429);
        assertThat(refused).isBetween(8, 10);
        HttpResponse<String> otherHost = visit(immutable, "/", "team:guess-on-another-host", 10);
        assertThat(otherHost.statusCode()).as("the immutable host shares the app's count").isEqualTo(429);
        assertThat(otherHost.headers().firstValue("Retry-After")).isPresent();
        assertThat(visit(immutable, "/", PASSWORD, 10).statusCode()).isEqualTo(429);
    }

    private static Deployed deploy(String name, SiteRepository repo, String heading) throws Exception {
        Api api = SecurityStack.api();
        JsonNode app = SecurityStack.createApp(name, repo.url(), Map.of());
        String appId = app.path("appId").asString();
        PushToLiveIntegrationTests.pushAndAwaitSuccess(api, appId, repo, repo.commitPage(heading),
                app.path("webhookSecret").asString());
        if (name.equals("redirect-locked")) {
            Api.Response locking = api.patch("/api/v1/apps/" + appId, Map.of("enableBasicAuth", true,
                    "basicAuthCredentials", b64(PASSWORD)));
            assertThat(locking.status()).as(locking.body()).isEqualTo(200);
        }
        String host = "main." + appId + ".localhost";
        String deploymentId = api.get("/api/v1/apps/" + appId + "/branches/main/deployments").json()
                .path("deployments").get(0).path("deploymentId").asString();
        HttpResponse<String> served = PushToLiveIntegrationTests.await(Duration.ofSeconds(20),
                () -> visit(host, "/", PASSWORD, 10), r -> r.statusCode() == 200 && r.body().contains(heading));
        assertThat(served.body()).contains(heading);
        return new Deployed(appId, host, deploymentId);
    }

    /** The host's entry in the route snapshot the edges poll, read with the edge's own token. */
    private static JsonNode routedSite(String host) throws Exception {
        HttpRequest poll = HttpRequest.newBuilder(URI.create(SecurityStack.get().apiUrl()
                        + "/edge/v1/routes?since=0&waitMillis=0"))
                .header("Authorization", "Bearer " + SecurityStack.machineToken("edge-token"))
                .timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> routes = HTTP.send(poll, HttpResponse.BodyHandlers.ofString());
        assertThat(routes.statusCode()).as(routes.body()).isEqualTo(200);
        for (JsonNode site : Api.JSON.readTree(routes.body()).path("sites")) {
            if (site.path("host").asString().equals(host)) {
                return site;
            }
        }
        throw new AssertionError("no route for " + host);
    }

    private static HttpResponse<String> visit(String host, String path, String credentials, int timeoutSeconds)
            throws Exception {
        return HTTP.send(request(host, path, credentials, timeoutSeconds), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String host, String path, String credentials, int timeoutSeconds) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(SecurityStack.get().edgeUrl() + path))
                .header("Host", host).timeout(Duration.ofSeconds(timeoutSeconds)).GET();
        if (credentials != null) {
            builder.header("Authorization", "Basic " + b64(credentials));
        }
        return builder.build();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
