package dev.slipway.controlplane;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.runner.LeaseRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base for tests that drive the real control plane over HTTP on a real PostgreSQL. All test classes share one
 * context (same properties), so each test creates its own apps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ControlPlaneIntegrationTest {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String RUNNER_TOKEN = "test-runner-token";
    static final String EDGE_TOKEN = "test-edge-token";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path DATA_DIR = createDataDir();
    /** Where notification emails go; NotificationIntegrationTests runs an SMTP server there while it needs one. */
    static final int SMTP_PORT = freePort();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // indirect like the grace below: a class that needs a database of its own sets slipway.test.database-url
        registry.add("slipway.control-plane.datasource-url",
                () -> "${slipway.test.database-url:" + SharedPostgres.jdbcUrl() + "}");
        registry.add("slipway.control-plane.datasource-username", () -> "postgres");
        registry.add("slipway.control-plane.data-dir", DATA_DIR::toString);
        registry.add("slipway.control-plane.bootstrap-token", () -> ADMIN_TOKEN);
        registry.add("slipway.control-plane.max-api-body", () -> "64KB");
        registry.add("slipway.control-plane.max-previews-per-app", () -> "3");
        registry.add("slipway.git-hosts.retry-base", () -> "200ms");
        // indirect, so that a class can set another grace: the base class's registrations run after a subclass's
        registry.add("slipway.blob-gc.grace", () -> "${slipway.test.blob-gc-grace:0s}");
        registry.add("slipway.git-hosts.poll-interval", () -> "200ms");
        // the recording git hosts listen on loopback, which an apiUrl may reach only when allowed
        registry.add("slipway.git-hosts.allow", () -> "127.0.0.0/8");
        registry.add("slipway.control-plane.notifications.smtp-host", () -> "127.0.0.1");
        registry.add("slipway.control-plane.notifications.smtp-port", () -> SMTP_PORT);
        registry.add("slipway.control-plane.notifications.poll-interval", () -> "100ms");
        registry.add("slipway.control-plane.notifications.retry-base", () -> "200ms");
        registry.add("slipway.control-plane.notifications.allow", () -> "127.0.0.0/8");
        // loopback is not allowed here, so the tests (all on loopback) need an admin token for /actuator/prometheus
        registry.add("slipway.metrics.allowed-cidrs", () -> "192.0.2.0/24");
        registry.add("slipway.metrics.gauge-cache", () -> "100ms");
        // manual deploys: small limits so refusals are quick to provoke; zips served by a local HTTP server
        registry.add("slipway.control-plane.manual-deploys.max-zip-size", () -> "2MB");
        registry.add("slipway.control-plane.manual-deploys.max-unpacked-size", () -> "3MB");
        registry.add("slipway.control-plane.manual-deploys.max-entries", () -> "50");
        registry.add("slipway.control-plane.manual-deploys.allow-http-source-urls", () -> "true");
        registry.add("slipway.control-plane.manual-deploys.source-url-allow", () -> "127.0.0.0/8");
        registry.add("SLIPWAY_RUNNER_TOKEN", () -> RUNNER_TOKEN);
        registry.add("SLIPWAY_EDGE_TOKEN", () -> EDGE_TOKEN);
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response call(String method, String path, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        HttpRequest.BodyPublisher publisher = switch (body) {
            case null -> HttpRequest.BodyPublishers.noBody();
            case byte[] bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes);
            case String text -> HttpRequest.BodyPublishers.ofString(text);
            default -> HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        };
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(builder.method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }

    Response api(String method, String path, Object body) throws IOException, InterruptedException {
        return call(method, path, ADMIN_TOKEN, body, Map.of());
    }

    /** Creates an app (with a known webhook secret when given) and a connected branch; returns the app id. */
    String createAppWithBranch(String branch, String webhookSecret) throws IOException, InterruptedException {
        Map<String, Object> app = new java.util.HashMap<>(Map.of("name", "test", "repository",
                "https://git.example.test/team/site.git"));
        if (webhookSecret != null) {
            app.put("webhookSecret", webhookSecret);
        }
        String appId = api("POST", "/api/v1/apps", app).json().path("app").path("appId").asString();
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", branch));
        return appId;
    }

    /** Sends a webhook fixture exactly as the git host sent it. */
    Response deliver(String provider, String appId, String fixture) throws IOException, InterruptedException {
        return call("POST", "/hooks/" + provider + "/" + appId, null, Fixtures.body(provider, fixture),
                Fixtures.headers(provider, fixture));
    }

    /** A GitHub fixture changed by {@code edit}, sent with a fresh delivery id and signed again with {@code secret}. */
    Response deliverEditedGitHub(String appId, String fixture, String secret,
            java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> edit)
            throws IOException, InterruptedException {
        var body = (tools.jackson.databind.node.ObjectNode) JSON.readTree(Fixtures.body("github", fixture));
        edit.accept(body);
        byte[] bytes = JSON.writeValueAsBytes(body);
        Map<String, String> headers = new java.util.HashMap<>(Fixtures.headers("github", fixture));
        headers.put("X-GitHub-Delivery", java.util.UUID.randomUUID().toString());
        headers.remove("X-Hub-Signature");
        headers.put("X-Hub-Signature-256", "sha256=" + dev.slipway.controlplane.webhook.WebhookSignatures.hex(
                dev.slipway.controlplane.webhook.WebhookSignatures.hmacSha256(secret, bytes)));
        return call("POST", "/hooks/github/" + appId, null, bytes, headers);
    }

    int jobCount(String appId, String branch) throws IOException, InterruptedException {
        return api("GET", "/api/v1/apps/" + appId + "/branches/" + branch + "/jobs", null).json()
                .path("jobSummaries").size();
    }

    void startJob(String appId, String branch) throws IOException, InterruptedException {
        Response started = api("POST", "/api/v1/apps/" + appId + "/branches/" + branch + "/jobs",
                Map.of("jobType", "RELEASE"));
        if (started.status() != 201) {
            throw new AssertionError("job not started: " + started.body());
        }
    }

    /** Leases until it gets this app's job; other tests' jobs may be queued too (they are leased and left). */
    JsonNode leaseFor(String appId) throws IOException, InterruptedException {
        while (true) {
            Response response = call("POST", "/runner/v1/lease", RUNNER_TOKEN, new LeaseRequest("test-runner", 500),
                    Map.of());
            if (response.status() != 200) {
                throw new AssertionError("no job of app " + appId + " could be leased");
            }
            if (response.json().path("appId").asString().equals(appId)) {
                return response.json();
            }
        }
    }

    Response runner(String method, String path, String leaseId, Object body) throws IOException, InterruptedException {
        return call(method, path, RUNNER_TOKEN, body, Map.of("X-Slipway-Lease", leaseId));
    }

    JsonNode routes(long since) throws IOException, InterruptedException {
        return call("GET", "/edge/v1/routes?since=" + since + "&waitMillis=2000", EDGE_TOKEN, null, Map.of()).json();
    }

    /** Builds nothing: starts a job, leases it and reports a one-file deployment, as a runner would. */
    String deploy(String appId, String branch) throws IOException, InterruptedException {
        return deploy(appId, branch, storeManifest());
    }

    /** As {@link #deploy(String, String)}, with a manifest already in the blob store. */
    String deploy(String appId, String branch, String manifestHash) throws IOException, InterruptedException {
        startJob(appId, branch);
        JsonNode lease = leaseFor(appId);
        JobCompletion success = new JobCompletion("SUCCEED", null, new DeploymentUpload(manifestHash, 1, 5));
        return runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), success).json().path("deploymentId").asString();
    }

    /** A one-file site ({@code index.html} = "hello") in the blob store; returns its manifest hash. */
    static String storeManifest() throws IOException {
        return storeManifest(CustomHeaders.NONE);
    }

    /** The one-file site with these custom headers (customHttp.yml). */
    static String storeManifest(CustomHeaders headers) throws IOException {
        FileSystemBlobStore blobs = new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        String file = blobs.put("hello".getBytes());
        return blobs.put(DeploymentManifest.of(Map.of("index.html", new ManifestEntry(file, 5, "text/html")))
                .withCustomHeaders(headers).toJson());
    }

    static JsonNode site(JsonNode snapshot, String host) {
        for (JsonNode site : snapshot.path("sites")) {
            if (site.path("host").asString().equals(host)) {
                return site;
            }
        }
        throw new AssertionError("no host " + host + " in " + snapshot);
    }

    /** The snapshot's per-app entry (rules, custom headers) of this app. */
    static JsonNode appRoute(JsonNode snapshot, String appId) {
        for (JsonNode app : snapshot.path("apps")) {
            if (app.path("appId").asString().equals(appId)) {
                return app;
            }
        }
        throw new AssertionError("no app " + appId + " in " + snapshot);
    }

    static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("slipway-cp-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
