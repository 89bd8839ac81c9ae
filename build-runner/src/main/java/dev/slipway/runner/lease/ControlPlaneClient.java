package dev.slipway.runner.lease;

import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import dev.slipway.protocol.runner.CompletionAck;
import dev.slipway.protocol.runner.HeartbeatResponse;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.RunnerApi;
import dev.slipway.protocol.runner.StepReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner side of {@link RunnerApi} over java.net.http with JSON bodies. Every call carries
 * {@code Authorization: Bearer <token>}; calls about a job also carry the lease header. One call = one attempt:
 * retrying is the caller's business. 409 becomes {@link LeaseLostException}; other failures {@link IOException}.
 * Thread-safe.
 */
public final class ControlPlaneClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json = JsonMappers.LENIENT;

    public ControlPlaneClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Long-polls for a job; empty when nothing was queued within {@code request.waitMillis()}. */
    public Optional<LeasedJob> lease(LeaseRequest request) throws IOException, InterruptedException {
        Duration timeout = Duration.ofMillis(request.waitMillis()).plus(CALL_TIMEOUT);
        return Optional.ofNullable(post(RunnerApi.LEASE, null, request, LeasedJob.class, timeout));
    }

    public HeartbeatResponse heartbeat(LeasedJob job) throws IOException, InterruptedException {
        return post(RunnerApi.path(RunnerApi.HEARTBEAT, job.jobId()), job.leaseId(), null, HeartbeatResponse.class,
                CALL_TIMEOUT);
    }

    public LogAck logs(LeasedJob job, LogBatch batch) throws IOException, InterruptedException {
        return post(RunnerApi.path(RunnerApi.LOGS, job.jobId()), job.leaseId(), batch, LogAck.class, CALL_TIMEOUT);
    }

    public void step(LeasedJob job, StepReport report) throws IOException, InterruptedException {
        post(RunnerApi.path(RunnerApi.STEPS, job.jobId()), job.leaseId(), report, Void.class, CALL_TIMEOUT);
    }

    public CompletionAck complete(LeasedJob job, JobCompletion completion) throws IOException, InterruptedException {
        return post(RunnerApi.path(RunnerApi.COMPLETE, job.jobId()), job.leaseId(), completion, CompletionAck.class,
                CALL_TIMEOUT);
    }

    private <T> T post(String path, String leaseId, Object body, Class<T> type, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (leaseId != null) {
            request.header(RunnerApi.LEASE_HEADER, leaseId);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 409) {
            throw new LeaseLostException("the control plane no longer holds this runner's lease (" + path + ")");
        }
        if (status == 401 || status == 403) {
            throw new IOException("the control plane refused the runner token (HTTP " + status + " from " + path
                    + "); check SLIPWAY_RUNNER_TOKEN");
        }
        if (status == 204 || type == Void.class) {
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status + " from " + path);
            }
            return null;
        }
        if (status != 200) {
            throw new IOException("HTTP " + status + " from " + path);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new IOException("unreadable answer from " + path + ": " + e.getOriginalMessage(), e);
        }
    }
}
