package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import dev.slipway.db.testing.PostgresServer;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LogBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two control planes on one external PostgreSQL, as behind a load balancer. Their waiters re-read the database only
 * every hour here ({@code change-recheck}), and a long-poll's last read comes at its 60 s cap, so a runner, an edge or
 * a log stream waiting on B is answered within {@link #WAKE_DEADLINE_SECONDS} only by the NOTIFY of a change
 * committed through A. Then PostgreSQL is restarted, and killed, under both: the same
 * control planes answer again and their notifications flow again.
 */
class PgNotificationsIntegrationTests {

    private static final String ADMIN = "cluster-admin-token";
    private static final String RUNNER = "cluster-runner-token";
    private static final String EDGE = "cluster-edge-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The servers cap long-polls at 60 s, then read once more: an answer well before came from a notification. */
    private static final long LONG_POLL_MILLIS = Duration.ofSeconds(60).toMillis();
    private static final long WAKE_DEADLINE_SECONDS = 30;

    @TempDir
    static Path dir;

    static PostgresServer postgres;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(dir.resolve("postgres"));
        a = controlPlane("a");
        b = controlPlane("b");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {b, a}) {
            if (context != null) {
                context.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ConfigurableApplicationContext controlPlane(String name) {
        return new SpringApplicationBuilder(ControlPlaneApplication.class).run(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--slipway.control-plane.data-dir=" + dir.resolve(name),
                "--slipway.control-plane.datasource-url=" + postgres.jdbcUrl(),
                "--slipway.control-plane.datasource-username=" + postgres.user(),
                "--slipway.control-plane.datasource-password=" + postgres.password(),
                "--slipway.control-plane.change-recheck=1h",
                "--slipway.control-plane.runner-lease=10m", // no reaper line may wake a log stream
                "--slipway.control-plane.bootstrap-token=" + ADMIN,
                "--SLIPWAY_RUNNER_TOKEN=" + RUNNER,
                "--SLIPWAY_EDGE_TOKEN=" + EDGE);
    }

    @Test
    void aJobQueuedOnOneControlPlaneWakesARunnerWaitingOnTheOther() throws Exception {
        assertLeaseOnBWakesWhenAQueues();
    }

    @Test
    void logLinesAndTheEndOfAJobPostedToOneControlPlaneStreamFromTheOther() throws Exception {
        assertLogsPostedToAStreamFromB();
    }

    @Test
    void aRouteChangeOnOneControlPlaneAnswersAnEdgeWaitingOnTheOther() throws Exception {
        String appId = createAppWithBranch(a);
        long since = call(b, "GET", "/edge/v1/routes?since=0&waitMillis=0", EDGE, null).json().path("version")
                .asLong();
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> uncheck(() -> call(b, "GET",
                "/edge/v1/routes?since=" + since + "&waitMillis=" + LONG_POLL_MILLIS, EDGE, null)));
        awaitWaiter(b, Channel.ROUTES);

        assertThat(api(a, "DELETE", "/api/v1/apps/" + appId, null).status()).isEqualTo(200);

        Response answer = poll.get(WAKE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("version").asLong()).isGreaterThan(since);
    }

    @Test
    void afterPostgresRestartsAndIsKilledTheSameControlPlanesAnswerAndNotifyAgain() throws Exception {
        String appId = createAppWithBranch(a);
        api(a, "POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"));
        JsonNode lease = leaseNow(a);
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        assertThat(runner(a, jobId, "logs", leaseId, new LogBatch(0, List.of("before the restart"))).status())
                .isEqualTo(200);

        restart(postgres::stop);

        assertThat(api(a, "GET", "/api/v1/apps/" + appId + "/branches/main/jobs/1", null).status())
                .as("the pool dropped its dead connections").isEqualTo(200);
        assertThat(runner(b, jobId, "logs", leaseId, new LogBatch(1, List.of("after the restart"))).json()
                .path("next").asLong()).as("the lease survived the restart").isEqualTo(2);
        assertThat(runner(b, jobId, "complete", leaseId, new JobCompletion("FAILED", "tests failed", null))
                .status()).isEqualTo(200);
        assertThat(api(a, "GET", "/api/v1/apps/" + appId + "/branches/main/jobs/1", null).json().path("job")
                .path("summary").path("status").asString()).isEqualTo("FAILED");
        assertLeaseOnBWakesWhenAQueues();
        assertLogsPostedToAStreamFromB();

        restart(postgres::kill);

        assertThat(api(b, "GET", "/api/v1/apps/" + appId, null).status()).isEqualTo(200);
        assertLeaseOnBWakesWhenAQueues();
        assertLogsPostedToAStreamFromB();
    }

    private interface Outage {
        void run() throws Exception;
    }

    /** Takes PostgreSQL down, brings it back on the same port, and waits until both listeners reconnected. */
    private static void restart(Outage outage) throws Exception {
        awaitTrue(() -> notifications(a).isListening() && notifications(b).isListening(), "listener");
        long seenA = notifications(a).connected().generation();
        long seenB = notifications(b).connected().generation();
        outage.run();
        postgres.start();
        assertThat(notifications(a).connected().awaitAfter(seenA, Duration.ofSeconds(60))).as("A reconnects: %s",
                listenerStacks()).isTrue();
        assertThat(notifications(b).connected().awaitAfter(seenB, Duration.ofSeconds(60))).as("B reconnects: %s",
                listenerStacks()).isTrue();
    }

    private static String listenerStacks() {
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("pg-notifications")) {
                stacks.append("\n").append(thread).append(":");
                for (StackTraceElement frame : stack) {
                    stacks.append("\n  at ").append(frame);
                }
            }
        });
        return stacks + "\n" + postgres.logTail();
    }

    private void assertLeaseOnBWakesWhenAQueues() throws Exception {
        String appId = createAppWithBranch(a);
        CompletableFuture<Response> lease = CompletableFuture.supplyAsync(() -> uncheck(() -> call(b, "POST",
                "/runner/v1/lease", RUNNER, new LeaseRequest("runner-on-b", LONG_POLL_MILLIS))));
        awaitWaiter(b, Channel.JOB_QUEUE); // B looked, found nothing and sleeps: queue only now

        assertThat(api(a, "POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"))
                .status()).isEqualTo(201);

        Response leased;
        try {
            leased = lease.get(WAKE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("B was not woken; listening: A " + notifications(a).isListening() + ", B "
                    + notifications(b).isListening() + listenerStacks(), e);
        }
        assertThat(leased.status()).isEqualTo(200);
        assertThat(leased.json().path("appId").asString()).isEqualTo(appId);
        runner(b, leased.json().path("jobId").asLong(), "complete", leased.json().path("leaseId").asString(),
                new JobCompletion("FAILED", "not built in this test", null));
    }

    private void assertLogsPostedToAStreamFromB() throws Exception {
        String appId = createAppWithBranch(a);
        api(a, "POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"));
        JsonNode lease = leaseNow(a);
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        HttpResponse<java.io.InputStream> stream = http.send(request(b, "GET",
                        "/api/v1/apps/" + appId + "/branches/main/jobs/1/logs/stream", ADMIN, null)
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        // closed directly, not through the reader: a read still blocked after a timed-out wait holds the reader's lock
        try (java.io.InputStream body = stream.body()) {
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            // B read the log (empty) and the status before sending this; what follows can only come from A's NOTIFY
            assertThat(within(() -> nextEvent(events))).isEqualTo("status:PROVISIONING");

            runner(a, jobId, "logs", leaseId, new LogBatch(0, List.of("one", "two")));
            assertThat(within(() -> nextEvent(events))).isEqualTo("0:one");
            assertThat(within(() -> nextEvent(events))).isEqualTo("1:two");

            runner(a, jobId, "complete", leaseId, new JobCompletion("FAILED", "tests failed", null));
            assertThat(within(() -> nextEvent(events))).isEqualTo("status:FAILED");
            assertThat(within(() -> nextEvent(events))).isEqualTo("end:FAILED");
        }
    }

    /** A read that would otherwise block for the stream's two hours when the event never comes. */
    private static <T> T within(Call<T> read) throws Exception {
        return CompletableFuture.supplyAsync(() -> uncheck(read)).get(WAKE_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** The next event as {@code id-or-name:data}, skipping comments. */
    private static String nextEvent(BufferedReader reader) throws Exception {
        String label = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty() && data != null) {
                return label + ":" + data;
            } else if (line.startsWith("id:") || line.startsWith("event:")) {
                label = line.substring(line.indexOf(':') + 1);
            } else if (line.startsWith("data:")) {
                data = line.substring(5);
            }
        }
        return null;
    }

    private static void awaitWaiter(ConfigurableApplicationContext context, Channel channel) {
        ChangeSignal signal = notifications(context).signal(channel);
        awaitTrue(signal::hasWaiters, "a waiter on " + channel);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    private static PgNotifications notifications(ConfigurableApplicationContext context) {
        return context.getBean(PgNotifications.class);
    }

    private String createAppWithBranch(ConfigurableApplicationContext context) throws Exception {
        Response app = api(context, "POST", "/api/v1/apps",
                Map.of("name", "cluster", "repository", "https://git.example.test/team/site.git"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        String appId = app.json().path("app").path("appId").asString();
        assertThat(api(context, "POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"))
                .status()).isEqualTo(201);
        return appId;
    }

    private JsonNode leaseNow(ConfigurableApplicationContext context) throws Exception {
        Response leased = call(context, "POST", "/runner/v1/lease", RUNNER, new LeaseRequest("runner-on-a", 0));
        assertThat(leased.status()).as(leased.body()).isEqualTo(200);
        return leased.json();
    }

    private Response runner(ConfigurableApplicationContext context, long jobId, String action, String leaseId,
            Object body) throws Exception {
        HttpRequest.Builder request = request(context, "POST", "/runner/v1/jobs/" + jobId + "/" + action, RUNNER,
                body).header("X-Slipway-Lease", leaseId);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private Response api(ConfigurableApplicationContext context, String method, String path, Object body)
            throws Exception {
        return call(context, method, path, ADMIN, body);
    }

    private Response call(ConfigurableApplicationContext context, String method, String path, String token,
            Object body) throws Exception {
        HttpResponse<String> response = http.send(request(context, method, path, token, body).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext context, String method, String path,
            String token, Object body) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T uncheck(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
