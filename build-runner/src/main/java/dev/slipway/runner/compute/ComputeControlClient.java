package dev.slipway.runner.compute;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeHeartbeat;
import dev.slipway.protocol.ssr.ComputeRuntime;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compute host's calls to the control plane ({@link ComputeApi}), with the runner token. Runtimes are cached for
 * {@link #CACHE_FOR} because a cold start and the requests racing it all ask for the same one. Thread-safe.
 */
public final class ComputeControlClient {

    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMappers.LENIENT;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<ComputeRuntime> runtime, long fetchedAt) {
    }

    public ComputeControlClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** The runtime of a deployment, at most {@link #CACHE_FOR} old; empty when the control plane does not know it. */
    public Optional<ComputeRuntime> runtime(String deploymentId) throws IOException, InterruptedException {
        Cached cached = cache.get(deploymentId);
        if (cached != null && System.nanoTime() - cached.fetchedAt < CACHE_FOR.toNanos()) {
            return cached.runtime;
        }
        return fetchRuntime(deploymentId);
    }

    /** Asks the control plane again (for {@code live} changes), refreshing the cache. */
    public Optional<ComputeRuntime> fetchRuntime(String deploymentId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(ComputeApi.deploymentPath(deploymentId))).GET());
        Optional<ComputeRuntime> runtime;
        if (response.statusCode() == 404) {
            runtime = Optional.empty();
        } else {
            requireSuccess(response, "deployment " + deploymentId);
            try {
                runtime = Optional.of(json.readValue(response.body(), ComputeRuntime.class));
            } catch (JacksonException e) {
                throw new IOException("unreadable compute runtime of deployment " + deploymentId + ": "
                        + e.getOriginalMessage(), e);
            }
        }
        cache.put(deploymentId, new Cached(runtime, System.nanoTime()));
        return runtime;
    }

    /** @return the compute access key edges will present (ComputeApi.ACCESS_KEY_HEADER) */
    public String heartbeat(ComputeHeartbeat heartbeat) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(ComputeApi.HEARTBEAT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(heartbeat))));
        if (response.statusCode() == 400) {
            throw new IOException("the control plane did not accept this compute host: "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        requireSuccess(response, "heartbeat");
        try {
            return json.readValue(response.body(), ComputeHeartbeat.Answer.class).computeAccessKey();
        } catch (JacksonException e) {
            throw new IOException("unreadable heartbeat answer: " + e.getOriginalMessage(), e);
        }
    }

    /** What this host answers to the control plane's identity challenge ({@link ComputeApi#IDENTITY}). */
    String identityProof(String challenge) {
        return ComputeApi.identityProof(token == null ? "" : token, challenge);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.timeout(CALL_TIMEOUT).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void requireSuccess(HttpResponse<byte[]> response, String what) throws IOException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException("the control plane refused the runner token (HTTP " + status + ", " + what
                    + "); check SLIPWAY_RUNNER_TOKEN");
        }
        if (status / 100 != 2) {
            throw new IOException("HTTP " + status + " from the control plane (" + what + ")");
        }
    }
}
