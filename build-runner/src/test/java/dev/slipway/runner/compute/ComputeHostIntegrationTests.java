package dev.slipway.runner.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeHeartbeat;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.ComputeRuntime;
import dev.slipway.protocol.ssr.RouteTarget;
import dev.slipway.runner.executor.DockerClients;
import dev.slipway.runner.support.BuildImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compute host against the real Docker engine and build image, with a real node app. The control plane's
 * runtime and heartbeat endpoints are a tiny stand-in HTTP server here (the real ones live in the control plane).
 * Fails (never skips) without Docker.
 */
class ComputeHostIntegrationTests {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(8);
    private static final String TOKEN = "runner-token-for-compute";
    private static final String SECRET = "s3cr3t-value-never-logged";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCESS_KEY = "test-compute-access-key";
    private static final Map<String, ComputeRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final List<ComputeHeartbeat> HEARTBEATS = new CopyOnWriteArrayList<>();

    @TempDir
    static Path temp;
    private static DockerClient docker;
    private static HttpServer controlPlane;
    private static FileSystemBlobStore blobs;
    private static ComputeHost host;
    private static String hostId;
    private static String appManifest;
    private static String brokenManifest;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        BuildImage.ensure();
        docker = DockerClients.create();
        blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        try (InputStream in = ComputeHostIntegrationTests.class.getResourceAsStream("/compute/server.js")) {
            appManifest = manifest("server.js", in.readAllBytes());
        }
        brokenManifest = manifest("bin/broken.js",
                "console.error('boom: missing DATABASE_URL'); process.exit(3);".getBytes(StandardCharsets.UTF_8));
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/runner/v1/compute/", ComputeHostIntegrationTests::controlPlane);
        controlPlane.start();

        hostId = "compute-it-" + ProcessHandle.current().pid();
        // a container a killed predecessor of this host left behind
        String leftover = docker.createContainerCmd(BuildImage.IMAGE).withCmd("sleep", "600")
                .withLabels(Map.of(ComputeContainers.DEPLOYMENT_LABEL, "old", ComputeContainers.HOST_LABEL, hostId))
                .exec().getId();
        ComputeProperties settings = new ComputeProperties(true, 0, null, null, IDLE_TIMEOUT,
                Duration.ofSeconds(1), DataSize.ofMegabytes(256), 0.5, Duration.ofSeconds(20), null, null);
        host = new ComputeHost(settings, docker, BuildImage.IMAGE, blobs,
                new ComputeControlClient("http://127.0.0.1:" + controlPlane.getAddress().getPort(), TOKEN), hostId,
                temp.resolve("scratch"), temp.resolve("compute/logs"), Duration.ofSeconds(1));
        host.start();
        await("the control plane's answer to the first heartbeat", Duration.ofSeconds(10), () -> !HEARTBEATS.isEmpty());
        Thread.sleep(200);
        assertThat(containers(Map.of(ComputeContainers.HOST_LABEL, hostId))).as("leftover removed")
                .doesNotContain(leftover);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.stop();
            assertThat(containers(Map.of(ComputeContainers.HOST_LABEL, hostId))).as("stop removes instances").isEmpty();
        }
        if (controlPlane != null) {
            controlPlane.stop(0);
        }
    }

    private static String manifest(String entrypoint, byte[] code) throws IOException {
        String hash = blobs.put(code);
        var files = new TreeMap<String, ManifestEntry>(Map.of(entrypoint,
                new ManifestEntry(hash, code.length, "text/javascript")));
        ComputeBundle bundle = new ComputeBundle(entrypoint, "nodejs22.x", "custom", "1",
                List.of(new ComputeRoute("/*", RouteTarget.compute(), null)), files);
        return blobs.put(DeploymentManifest.of(Map.of()).withCompute(bundle).toJson());
    }

    private static void runtime(String deploymentId, String manifest, boolean live) {
        RUNTIMES.put(deploymentId, new ComputeRuntime(deploymentId, "app1", "main", manifest,
                Map.of("GREETING", "hello from " + deploymentId, "API_SECRET", SECRET), List.of(SECRET), live));
    }

    private static void controlPlane(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(ComputeApi.HEARTBEAT) && exchange.getRequestMethod().equals("POST")) {
                HEARTBEATS.add(JSON.readValue(exchange.getRequestBody().readAllBytes(), ComputeHeartbeat.class));
                byte[] answer = JSON.writeValueAsBytes(new ComputeHeartbeat.Answer(ACCESS_KEY));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            ComputeRuntime runtime = RUNTIMES.get(path.substring(path.lastIndexOf('/') + 1));
            if (runtime == null || !path.equals(ComputeApi.deploymentPath(runtime.deploymentId()))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(runtime);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static HttpResponse<String> send(String deploymentId, String method, String path, String body)
            throws IOException, InterruptedException {
        return send("http://127.0.0.1:" + host.port(), deploymentId, method, path, body);
    }

    private static HttpResponse<String> send(String front, String deploymentId, String method, String path,
                                             String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(front + path))
                .timeout(Duration.ofSeconds(40))
                .header("Host", "main.app1.example.test")
                .header("X-Forwarded-Proto", "https")
                .header(ComputeApi.ACCESS_KEY_HEADER, ACCESS_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (deploymentId != null) {
            request.header(ComputeApi.DEPLOYMENT_HEADER, deploymentId)
                    .header(ComputeApi.MANIFEST_HEADER, RUNTIMES.get(deploymentId).manifestHash());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String deploymentId, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(deploymentId, "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> containers(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(c -> c.getId()).toList();
    }

    private static List<String> instanceContainers(String deploymentId) {
        return containers(Map.of(ComputeContainers.DEPLOYMENT_LABEL, deploymentId,
                ComputeContainers.HOST_LABEL, hostId));
    }

    private static boolean unchecked(java.util.concurrent.Callable<Boolean> probe) {
        try {
            return probe.call();
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", limit, what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void coldStartAnswersThroughTheFrontAndMasksSecretsInTheLog() throws Exception {
        runtime("dep-cold", appManifest, true);
        long began = System.nanoTime();
        JsonNode first = get("dep-cold", "/hello?x=1");
        long coldMillis = (System.nanoTime() - began) / 1_000_000;
        System.out.println("[compute-it] cold start to first answer: " + coldMillis + " ms");

        assertThat(first.get("greeting").asString()).isEqualTo("hello from dep-cold");
        assertThat(first.get("count").asInt()).isEqualTo(1);
        assertThat(first.get("uid").asInt()).as("runs unprivileged").isEqualTo(1000);
        assertThat(first.get("url").asString()).isEqualTo("/hello?x=1");
        JsonNode headers = first.get("headers");
        assertThat(headers.get("host").asString()).isEqualTo("main.app1.example.test");
        assertThat(headers.get("x-forwarded-proto").asString()).isEqualTo("https");
        assertThat(headers.propertyNames()).noneMatch(name -> name.startsWith("x-slipway-"));

        HttpResponse<String> post = send("dep-cold", "POST", "/echo", "a body with ünïcode");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("x-app")).hasValue("yes");
        JsonNode echoed = JSON.readTree(post.body());
        assertThat(echoed.get("body").asString()).isEqualTo("a body with ünïcode");
        assertThat(echoed.get("count").asInt()).as("same instance").isEqualTo(2);
        assertThat(echoed.get("boot").asString()).isEqualTo(first.get("boot").asString());
        assertThat(instanceContainers("dep-cold")).hasSize(1);
        HttpResponse<String> head = send("dep-cold", "HEAD", "/head", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("x-app")).hasValue("yes");
        assertThat(head.body()).isEmpty();

        JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(host.healthUrl()))
                        .header(ComputeApi.ACCESS_KEY_HEADER, ACCESS_KEY).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("url").asString()).isEqualTo(host.url());
        assertThat(health.get("instances").valueStream().map(i -> i.get("deploymentId").asString() + "="
                + i.get("state").asString())).contains("dep-cold=running");

        Path logFile = temp.resolve("compute/logs/app1/main.log");
        await("the app's lines in " + logFile, Duration.ofSeconds(10),
                () -> Files.exists(logFile) && read(logFile).contains("request POST /echo"));
        String log = read(logFile);
        assertThat(log).contains(" dep-cold starting pid ").contains("with secret ***").doesNotContain(SECRET);
        assertThat(log.lines().filter(l -> l.contains(" dep-cold "))).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z dep-cold .*"));

        await("a heartbeat", Duration.ofSeconds(8), () -> HEARTBEATS.stream()
                .anyMatch(beat -> beat.hostId().equals(hostId) && beat.url().equals(host.url())));
    }

    /**
     * A runner in a container (Compose: {@code network_mode: host}) listens on the Docker bridge's gateway, where the
     * edges' containers reach it: the apps are published there, and the host reaches them there, not on loopback.
     */
    @Test
    void hostListeningOnTheBridgeGatewayServesItsAppsFromThere() throws Exception {
        String gateway = docker.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().getFirst()
                .getGateway();
        ComputeProperties settings = new ComputeProperties(true, 0, gateway, null, IDLE_TIMEOUT,
                Duration.ofSeconds(1), DataSize.ofMegabytes(256), 0.5, Duration.ofSeconds(20), null, null);
        ComputeHost onGateway = new ComputeHost(settings, docker, BuildImage.IMAGE, blobs,
                new ComputeControlClient("http://127.0.0.1:" + controlPlane.getAddress().getPort(), TOKEN),
                hostId + "-gateway", temp.resolve("scratch-gateway"), temp.resolve("compute/logs-gateway"),
                Duration.ofSeconds(1));
        onGateway.start();
        try {
            runtime("dep-gateway", appManifest, true);
            String front = "http://" + gateway + ":" + onGateway.port();
            // 503 until the stand-in control plane answered this host's first heartbeat with the access key
            await("the gateway host's first heartbeat answer", Duration.ofSeconds(15),
                    () -> unchecked(() -> send(front, null, "GET", "/", null).statusCode() != 503));
            HttpResponse<String> response = send(front, "dep-gateway", "GET", "/hello", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("greeting").asString()).isEqualTo("hello from dep-gateway");
        } finally {
            onGateway.stop();
        }
    }

    @Test
    void concurrentColdRequestsShareOneStart() throws Exception {
        runtime("dep-herd", appManifest, true);
        List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 5).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return get("dep-herd", "/" + i);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        List<String> boots = answers.stream().map(CompletableFuture::join).map(a -> a.get("boot").asString()).distinct().toList();
        assertThat(boots).hasSize(1);
        assertThat(instanceContainers("dep-herd")).hasSize(1);
    }

    @Test
    void crashedAppIsRestartedWithANewProcess() throws Exception {
        runtime("dep-crash", appManifest, true);
        String boot = get("dep-crash", "/").get("boot").asString();

        HttpResponse<String> crash = send("dep-crash", "GET", "/crash", null);
        assertThat(crash.statusCode()).isEqualTo(502);

        JsonNode after = get("dep-crash", "/again");
        assertThat(after.get("boot").asString()).isNotEqualTo(boot);
        assertThat(after.get("count").asInt()).isEqualTo(1);
        assertThat(get("dep-crash", "/more").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void requestToAContainerThatDiedUnnoticedIsAnsweredByTheRestartedApp() throws Exception {
        runtime("dep-killed", appManifest, true);
        String boot = get("dep-killed", "/").get("boot").asString();
        docker.killContainerCmd(instanceContainers("dep-killed").getFirst()).exec();

        JsonNode after = get("dep-killed", "/after-kill");

        assertThat(after.get("boot").asString()).isNotEqualTo(boot);
        assertThat(after.get("url").asString()).isEqualTo("/after-kill");
    }

    @Test
    void edgesLearnTheAppsAddressReportActivityAndGetADeadInstanceReplaced() throws Exception {
        runtime("dep-direct", appManifest, true);
        JsonNode address = JSON.readTree(call("GET", ComputeApi.INSTANCE + "?deployment=dep-direct", null).body());
        String container = address.get("containerId").asString();
        assertThat(container).isEqualTo(instanceContainers("dep-direct").getFirst());
        HttpResponse<String> straight = http.send(HttpRequest.newBuilder(URI.create(address.get("url").asString()
                + "/straight")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(straight.body()).get("greeting").asString()).isEqualTo("hello from dep-direct");

        // reports keep the instance from counting as idle although no request passes the compute host
        long until = System.nanoTime() + IDLE_TIMEOUT.plusSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            JsonNode answer = JSON.readTree(call("POST", ComputeApi.ACTIVITY, "{\"deploymentIds\":[\"dep-direct\"]}")
                    .body());
            assertThat(answer.get("running").get("dep-direct").asString()).isEqualTo(container);
            Thread.sleep(1000);
        }
        assertThat(instanceContainers("dep-direct")).containsExactly(container);

        docker.killContainerCmd(container).exec();
        JsonNode replaced = JSON.readTree(call("GET", ComputeApi.INSTANCE + "?deployment=dep-direct&failed=" + container,
                null).body());
        assertThat(replaced.get("containerId").asString()).isNotEqualTo(container);
        assertThat(call("POST", ComputeApi.ACTIVITY, "not json").statusCode()).isEqualTo(400);
        assertThat(call("GET", ComputeApi.INSTANCE + "?deployment=../x", null).statusCode()).isEqualTo(400);
    }

    /**
     * An edge's call to the compute host, on a connection of its own and with a deadline: once (in a CI run) such a
     * call on a pooled keep-alive connection never got its answer and the build hung, while the host answered the
     * same request at once on a new connection.
     */
    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        try (HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return fresh.send(HttpRequest.newBuilder(URI.create(host.url() + path)).timeout(Duration.ofSeconds(60))
                    .header(ComputeApi.ACCESS_KEY_HEADER, ACCESS_KEY).method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void idleInstanceScalesToZeroAndColdStartsAgain() throws Exception {
        runtime("dep-idle", appManifest, true);
        String boot = get("dep-idle", "/").get("boot").asString();
        assertThat(instanceContainers("dep-idle")).hasSize(1);

        await("the idle instance to be removed", Duration.ofSeconds(15), () -> instanceContainers("dep-idle").isEmpty());

        JsonNode again = get("dep-idle", "/");
        assertThat(again.get("count").asInt()).as("a fresh process").isEqualTo(1);
        assertThat(again.get("boot").asString()).isNotEqualTo(boot);
        assertThat(instanceContainers("dep-idle")).hasSize(1);
    }

    @Test
    void deploymentNoLongerLiveIsDrainedBeforeTheIdleTimeout() throws Exception {
        runtime("dep-old", appManifest, true);
        get("dep-old", "/");
        runtime("dep-old", appManifest, false);
        long idleSince = System.nanoTime();

        await("the drained instance to be removed", IDLE_TIMEOUT.minusSeconds(2), () -> instanceContainers("dep-old").isEmpty());
        System.out.println("[compute-it] drained after " + (System.nanoTime() - idleSince) / 1_000_000 + " ms idle");
    }

    @Test
    void appThatCannotStartGives502WithItsReason() throws Exception {
        runtime("dep-broken", brokenManifest, true);
        HttpResponse<String> response = send("dep-broken", "GET", "/", null);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("exited with code 3").contains("boom: missing DATABASE_URL");
        assertThat(instanceContainers("dep-broken")).isEmpty();
    }

    @Test
    void unknownDeploymentAndMissingHeaderAreRefused() throws Exception {
        HttpRequest unknown = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/"))
                .header(ComputeApi.DEPLOYMENT_HEADER, "dep-nobody-knows")
                .header(ComputeApi.ACCESS_KEY_HEADER, ACCESS_KEY).build();
        assertThat(http.send(unknown, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(send(null, "GET", "/", null).statusCode()).isEqualTo(400);
    }

    /** Issue 16: only edges (the compute access key) reach instances; the control plane can check who answers. */
    @Test
    void onlyCallersWithTheAccessKeyReachInstancesAndTheHostProvesItsIdentity() throws Exception {
        runtime("dep-guarded", appManifest, true);
        for (String key : java.util.Arrays.asList(null, "wrong-key")) {
            HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/"))
                    .header(ComputeApi.DEPLOYMENT_HEADER, "dep-guarded")
                    .header(ComputeApi.MANIFEST_HEADER, RUNTIMES.get("dep-guarded").manifestHash());
            HttpRequest.Builder instance = HttpRequest.newBuilder(URI.create(host.url() + ComputeApi.INSTANCE
                    + "?deployment=dep-guarded"));
            if (key != null) {
                forwarded.header(ComputeApi.ACCESS_KEY_HEADER, key);
                instance.header(ComputeApi.ACCESS_KEY_HEADER, key);
            }
            assertThat(http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(http.send(instance.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        }
        assertThat(instanceContainers("dep-guarded")).as("nothing started for a caller without the key").isEmpty();
        String health = http.send(HttpRequest.newBuilder(URI.create(host.healthUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).isEqualTo("{\"status\":\"UP\"}");
        String proof = http.send(HttpRequest.newBuilder(URI.create(host.url() + ComputeApi.IDENTITY + "?challenge=n1"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(proof).isEqualTo(ComputeApi.identityProof(TOKEN, "n1"));
    }

    @Test
    void websocketFramesCrossTheProxy() throws Exception {
        runtime("dep-ws", appManifest, true);
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header(ComputeApi.DEPLOYMENT_HEADER, "dep-ws")
                .header(ComputeApi.ACCESS_KEY_HEADER, ACCESS_KEY)
                .header(ComputeApi.MANIFEST_HEADER, appManifest)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + host.port() + "/socket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).exceptionally(e -> {
                    if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake) {
                        throw new AssertionError("handshake answered " + handshake.getResponse().statusCode() + ": "
                                + handshake.getResponse().body(), e);
                    }
                    throw new AssertionError(e);
                }).get(40, TimeUnit.SECONDS);
        socket.sendText("ping over ws", true).get(5, TimeUnit.SECONDS);
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo:ping over ws");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
