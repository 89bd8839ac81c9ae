package dev.slipway.runner.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.runner.job.JobControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP server standing in for the control plane's runner API. */
class JobSessionTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private final List<String> completions = new CopyOnWriteArrayList<>();
    private final AtomicInteger logCalls = new AtomicInteger();
    private volatile boolean cancel;
    private volatile boolean leaseLost;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/runner/v1/jobs/7/logs", ex -> {
            headers.add(ex.getRequestHeaders().getFirst("Authorization") + " " + ex.getRequestHeaders().getFirst("X-Slipway-Lease"));
            LogBatch batch = json.readValue(ex.getRequestBody(), LogBatch.class);
            if (logCalls.incrementAndGet() == 1) {
                send(ex, 503, "");
                return;
            }
            synchronized (stored) {
                for (int i = 0; i < batch.lines().size(); i++) {
                    if (batch.from() + i == stored.size()) {
                        stored.add(batch.lines().get(i));
                    }
                }
                send(ex, 200, "{\"next\":" + stored.size() + "}");
            }
        });
        server.createContext("/runner/v1/jobs/7/heartbeat", ex ->
                send(ex, leaseLost ? 409 : 200, "{\"cancelRequested\":" + cancel + ",\"leaseMillis\":60000}"));
        server.createContext("/runner/v1/jobs/7/steps", ex -> send(ex, 204, null));
        server.createContext("/runner/v1/jobs/7/complete", ex -> {
            completions.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, 200, "{\"deploymentId\":\"dep-1\"}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void resendsUnacknowledgedLinesInOrderThenCompletes() throws Exception {
        JobControl control = new JobControl();
        try (JobSession session = new JobSession(client(), job(), control, Duration.ofMillis(100))) {
            session.start();
            for (int i = 0; i < 1200; i++) {
                session.log("line " + i);
            }
            session.complete(new JobCompletion("FAILED", "because", null));
        }
        assertThat(stored).hasSize(1200).startsWith("line 0", "line 1").endsWith("line 1199");
        assertThat(logCalls.get()).isGreaterThanOrEqualTo(4);
        assertThat(headers).allMatch(h -> h.equals("Bearer tok lease-7"));
        assertThat(completions).hasSize(1).allMatch(c -> c.contains("\"reason\":\"because\""));
    }

    @Test
    void heartbeatCancelsAndConflictAbandons() throws Exception {
        JobControl control = new JobControl();
        try (JobSession session = new JobSession(client(), job(), control, Duration.ofMillis(50))) {
            session.start();
            cancel = true;
            waitFor(control::isCancelled);
            leaseLost = true;
            waitFor(control::isAbandoned);
            session.complete(new JobCompletion("CANCELLED", "x", null));
        }
        assertThat(completions).isEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private ControlPlaneClient client() {
        return new ControlPlaneClient("http://127.0.0.1:" + server.getAddress().getPort(), "tok");
    }

    private static LeasedJob job() {
        return new LeasedJob(7, "lease-7", 5_000, "d1", "main", "1", "RELEASE", null, "https://x/y.git", null,
                Map.of(), Map.of());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
