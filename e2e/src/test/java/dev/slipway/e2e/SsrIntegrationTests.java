package dev.slipway.e2e;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Server-side rendering end to end: real apps from the frameworks' own generators, built by Slipway in the build
 * container, run by the compute host in containers, answered through the edge. Next.js deploys from
 * {@code baseDirectory: .next} without a deploy manifest; Nuxt through Nitro's Amplify preset.
 */
class SsrIntegrationTests {

    private static final Duration BUILD = Duration.ofMinutes(12);
    private static final String SECRET = "s3cret-ssr-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void nextAppRendersDynamicallyRestartsAfterACrashScalesToZeroAndRollsBack() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        Path appDir = temp.resolve("next-app");
        SsrApps.nextApp(appDir, "Slipway SSR v1");
        try (SiteRepository repo = SiteRepository.init(appDir);
             SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token,
                     Map.of("SLIPWAY_COMPUTE_IDLE_TIMEOUT", "20s"))) {
            repo.commitAll("Next.js app v1");
            Api api = new Api(stack.apiUrl(), token);
            String appId = createApp(api, "next", repo);
            assertThat(api.put("/api/v1/apps/" + appId + "/secrets/SSR_SECRET", Map.of("value", SECRET)).status())
                    .isEqualTo(200);
            String host = "main." + appId + ".localhost";
            assertThat(build(api, appId, 1)).isEqualTo("SUCCEED");

            String home = await(Duration.ofSeconds(30), () -> page(stack, host, "/").body(),
                    body -> body.contains("Slipway SSR v1"));
            assertThat(home).as(() -> stack.logTail("edge-router", 40) + "\n" + stack.logTail("build-runner", 40))
                    .contains("Slipway SSR v1");
            assertThat(rendered(page(stack, host, "/items/42"))).contains("Item 42 rendered at");
            assertStaticAssetsComeFromTheEdge(stack, host, home);

            JsonNode first = json(page(stack, host, "/api/time"));
            JsonNode second = json(page(stack, host, "/api/time"));
            assertThat(second.path("now").asLong()).as("rendered per request").isGreaterThan(first.path("now").asLong());
            assertThat(first.path("greeting").asString()).isEqualTo("Hello from env");
            assertThat(first.path("secret").asString()).as("secrets reach the server at runtime").isEqualTo("set");
            assertThat(first.path("host").asString()).isEqualTo(host);
            assertThat(first.path("forwardedFor").asString()).contains("127.0.0.1");
            assertThat(post(stack, host, "/api/time", "posted body").body()).contains("posted body");

            String logs = await(Duration.ofSeconds(20), () -> api.get(branch(appId) + "/compute-logs").body(),
                    text -> text.contains("time asked by " + host));
            assertThat(logs).contains("time asked by " + host).doesNotContain(SECRET);

            // a crash of the server: restarted with backoff, requests succeed again
            assertThat(post(stack, host, "/api/crash", "").statusCode()).isEqualTo(200);
            String boot = first.path("boot").asString();
            JsonNode afterCrash = await(Duration.ofSeconds(60), () -> timeOrNull(stack, host),
                    time -> time != null && !time.path("boot").asString().equals(boot));
            assertThat(afterCrash).as("a new server process answers after the crash").isNotNull();
            assertThat(afterCrash.path("boot").asString()).isNotEqualTo(boot);

            // scale to zero after the idle time, then a cold start on the next request
            assertThat(await(Duration.ofSeconds(90), () -> computeContainers(appId), List::isEmpty))
                    .as("no compute container once idle").isEmpty();
            long coldStart = System.nanoTime();
            assertThat(rendered(page(stack, host, "/items/7"))).contains("Item 7 rendered at");
            System.out.printf("[ssr] Next.js cold start through the edge: %d ms%n",
                    (System.nanoTime() - coldStart) / 1_000_000);

            // a second deployment, then rollback to the first: no rebuild, the old version answers again
            SsrApps.nextHome(appDir, "Slipway SSR v2");
            repo.commitAll("Next.js app v2");
            assertThat(build(api, appId, 2)).isEqualTo("SUCCEED");
            assertThat(await(Duration.ofSeconds(30), () -> page(stack, host, "/").body(),
                    body -> body.contains("Slipway SSR v2"))).contains("Slipway SSR v2");
            JsonNode deployments = api.get(branch(appId) + "/deployments").json().path("deployments");
            String v1 = deployments.get(1).path("deploymentId").asString();
            String v2 = deployments.get(0).path("deploymentId").asString();
            assertThat(api.post(branch(appId) + "/deployments/" + v1 + "/activate", Map.of()).status()).isEqualTo(200);
            assertThat(await(Duration.ofSeconds(60), () -> page(stack, host, "/").body(),
                    body -> body.contains("Slipway SSR v1"))).contains("Slipway SSR v1");
            assertThat(page(stack, v2.toLowerCase() + "." + appId + ".localhost", "/").body())
                    .as("the immutable URL of the newer deployment still serves it").contains("Slipway SSR v2");
        }
    }

    @Test
    void nuxtAppWithNitrosAmplifyPresetDeploysFromItsDeployManifest() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        Path appDir = temp.resolve("nuxt-app");
        SsrApps.nuxtApp(appDir);
        try (SiteRepository repo = SiteRepository.init(appDir);
             SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token)) {
            repo.commitAll("Nuxt app");
            Api api = new Api(stack.apiUrl(), token);
            String appId = createApp(api, "nuxt", repo);
            String host = "main." + appId + ".localhost";
            assertThat(build(api, appId, 1)).isEqualTo("SUCCEED");
            String log = api.get(branch(appId) + "/jobs/1/logs").body();
            assertThat(log).contains("SSR deployment");
            assertThat(page(stack, host, "/").body()).contains("Nuxt on Slipway", "from nitro Hello from env");
            JsonNode hello = json(page(stack, host, "/api/hello"));
            assertThat(hello.path("greeting").asString()).isEqualTo("Hello from env");
            Matcher asset = Pattern.compile("/_nuxt/[A-Za-z0-9._-]+\\.js").matcher(page(stack, host, "/").body());
            assertThat(asset.find()).isTrue();
            HttpResponse<String> script = page(stack, host, asset.group());
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("cache-control")).as("the manifest route's cacheControl")
                    .hasValueSatisfying(value -> assertThat(value).contains("immutable"));
        }
    }

    private static void assertStaticAssetsComeFromTheEdge(SlipwayStack stack, String host, String home)
            throws Exception {
        Matcher chunk = Pattern.compile("/_next/static/[A-Za-z0-9/._~-]+\\.js").matcher(home);
        assertThat(chunk.find()).as("the page references Next's static chunks: " + home).isTrue();
        HttpResponse<String> script = page(stack, host, chunk.group());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        assertThat(script.headers().firstValue("etag")).as("served by the edge's static path").isPresent();
    }

    /** The page's text as a reader sees it: React separates interpolated values with empty comments. */
    private static String rendered(HttpResponse<String> page) {
        return page.body().replace("<!-- -->", "");
    }

    private static String createApp(Api api, String name, SiteRepository repo) throws Exception {
        String appId = api.post("/api/v1/apps", Map.of("name", name, "repository", repo.url(),
                "environmentVariables", Map.of("GREETING", "Hello from env", "NEXT_TELEMETRY_DISABLED", "1",
                        "NUXT_TELEMETRY_DISABLED", "1"))).json().path("app").path("appId").asString();
        api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
        return appId;
    }

    private static String build(Api api, String appId, int job) throws Exception {
        assertThat(api.post(branch(appId) + "/jobs", Map.of("jobType", "RELEASE")).status()).isEqualTo(201);
        String status = await(BUILD, () -> api.get(branch(appId) + "/jobs/" + job).json().path("job")
                        .path("summary").path("status").asString(),
                s -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(s));
        if (!"SUCCEED".equals(status)) {
            System.out.println(api.get(branch(appId) + "/jobs/" + job + "/logs").body());
        }
        return status;
    }

    private static String branch(String appId) {
        return "/api/v1/apps/" + appId + "/branches/main";
    }

    private static JsonNode timeOrNull(SlipwayStack stack, String host) {
        try {
            HttpResponse<String> response = page(stack, host, "/api/time");
            return response.statusCode() == 200 ? json(response) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body());
    }

    private static HttpResponse<String> page(SlipwayStack stack, String host, String path)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.edgeUrl() + path)).header("Host", host)
                .timeout(Duration.ofSeconds(90)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(SlipwayStack stack, String host, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.edgeUrl() + path)).header("Host", host)
                .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Compute containers of an app's deployments, by the label the compute host gives them. */
    private static List<String> computeContainers(String appId) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-q", "--filter", "label=slipway.compute.deployment")
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes()).trim();
        ps.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }
}
