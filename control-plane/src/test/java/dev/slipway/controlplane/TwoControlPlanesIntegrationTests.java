package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.routeversion.EdgeAcks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two control planes (two Spring contexts, each with its own port and data directory) on one PostgreSQL database, as
 * behind a load balancer without sticky sessions: a console session started on one continues on the other, a
 * background task runs on exactly one of them and moves to the other when its holder dies, sign-in lockouts, the
 * start-build limit and the edges' acknowledgements are the cluster's, not a process's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoControlPlanesIntegrationTests {

    private static final String ADMIN_TOKEN = "two-planes-admin-token";
    private static final String EDGE_TOKEN = "two-planes-edge-token";
    private static final String PASSWORD = "two-planes-password";
    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final Duration REAPER_INTERVAL = Duration.ofMillis(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static JdbcClient jdbc;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTwoControlPlanes() throws Exception {
        String url = SharedPostgres.jdbcUrl("two_control_planes");
        jdbc = JdbcClient.create(new DriverManagerDataSource(url));
        a = controlPlane(url, "a");
        b = controlPlane(url, "b");
    }

    private static ConfigurableApplicationContext controlPlane(String url, String name) throws Exception {
        // command-line arguments: they outrank application.yml, as SLIPWAY_* variables do in production
        return new SpringApplicationBuilder(ControlPlaneApplication.class).run(
                "--server.port=0",
                "--slipway.control-plane.datasource-url=" + url,
                "--slipway.control-plane.datasource-username=postgres",
                "--slipway.control-plane.data-dir=" + Files.createTempDirectory("slipway-cp-" + name),
                "--slipway.control-plane.bootstrap-token=" + ADMIN_TOKEN,
                "--SLIPWAY_EDGE_TOKEN=" + EDGE_TOKEN,
                "--SLIPWAY_RUNNER_TOKEN=two-planes-runner-token",
                "--SLIPWAY_ADMIN_PASSWORD=" + PASSWORD,
                "--slipway.control-plane.task-lock-hold=" + HOLD.toMillis() + "ms",
                "--slipway.control-plane.reaper-interval=" + REAPER_INTERVAL.toMillis() + "ms",
                "--slipway.control-plane.session-cleanup=300ms");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    @Order(1)
    void aConsoleSessionStartedOnOneControlPlaneContinuesOnTheOther() throws Exception {
        ConsoleClient onA = ConsoleClient.anonymous(port(a));
        HttpResponse<String> loginPage = onA.csrfFrom("/login");
        assertThat(cookieAttributes(loginPage)).contains("samesite=lax", "httponly").doesNotContain("secure");
        String anonymousSession = onA.cookie("JSESSIONID");
        assertThat(anonymousSession).as("the login form's CSRF token lives in a session").isNotNull();

        HttpResponse<String> signedIn = onA.post("/login", Map.of("username", "admin", "password", PASSWORD));
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/apps");
        assertThat(onA.cookie("JSESSIONID")).as("a new session id at sign-in (fixation)").isNotEqualTo(anonymousSession);
        onA.csrfFrom("/apps");

        ConsoleClient onB = onA.at(port(b));
        assertThat(onB.get("/apps").statusCode()).as("signed in on b").isEqualTo(200);
        assertThat(ConsoleClient.anonymous(port(b)).get("/apps").statusCode()).as("without the cookie: sign in")
                .isEqualTo(302);
        // a CSRF-protected form with a's token, on b; its flash message (in the session) is shown by a
        HttpResponse<String> created = onB.post("/tokens", Map.of("name", "made-on-b", "role", "VIEWER"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(onA.follow(created).body()).contains("id=\"new-token\"");

        HttpResponse<String> signedOut = onB.post("/logout", Map.of());
        assertThat(signedOut.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
        assertThat(onA.get("/apps").statusCode()).as("signed out everywhere").isEqualTo(302);
    }

    @Test
    @Order(2)
    void theSessionCookieIsSecureBehindAnHttpsProxy() throws Exception {
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(b)
                + "/login")).header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookieAttributes(proxied)).contains("samesite=lax", "httponly", "secure");
    }

    @Test
    @Order(3)
    void signInFailuresThroughEitherControlPlaneLockTheNameOnBoth() throws Exception {
        for (int i = 1; i <= 5; i++) {
            ConsoleClient browser = ConsoleClient.anonymous(port(i % 2 == 0 ? a : b));
            browser.csrfFrom("/login");
            HttpResponse<String> failed = browser.post("/login", Map.of("username", "mallory", "password", "guess" + i));
            assertThat(failed.headers().firstValue("Location").orElse("")).as("failure " + i)
                    .endsWith(i < 5 ? "/login?error" : "/login?locked");
        }
        for (ConfigurableApplicationContext plane : List.of(a, b)) {
            ConsoleClient browser = ConsoleClient.anonymous(port(plane));
            browser.csrfFrom("/login");
            assertThat(browser.post("/login", Map.of("username", "mallory", "password", "guess"))
                    .headers().firstValue("Location").orElse("")).endsWith("/login?locked");
        }
    }

    @Test
    @Order(4)
    void theStartBuildLimitOfAnIncomingWebhookHoldsAcrossControlPlanes() throws Exception {
        String appId = call(a, "POST", "/api/v1/apps", ADMIN_TOKEN, Map.of("name", "limited", "repository",
                "https://git.example.test/team/site.git")).json().path("app").path("appId").asString();
        call(a, "POST", "/api/v1/apps/" + appId + "/branches", ADMIN_TOKEN, Map.of("branchName", "main"));
        JsonNode webhook = call(b, "POST", "/api/v1/apps/" + appId + "/webhooks", ADMIN_TOKEN,
                Map.of("branchName", "main")).json().path("webhook");
        URI url = URI.create(webhook.path("webhookUrl").asString());
        String path = url.getRawPath() + "?" + url.getRawQuery();
        for (int i = 0; i < 10; i++) {
            assertThat(call(i % 2 == 0 ? a : b, "POST", path, null, "{}").status()).as("call " + i).isEqualTo(202);
        }
        assertThat(call(a, "POST", path, null, "{}").status()).isEqualTo(429);
        assertThat(call(b, "POST", path, null, "{}").status()).isEqualTo(429);

        // six seconds later (moved, not waited for): one more token, on either control plane
        jdbc.sql("UPDATE start_rate_limits SET tat = tat - interval '6 seconds' WHERE webhook_id = ?::uuid")
                .param(webhook.path("webhookId").asString()).update();
        assertThat(call(b, "POST", path, null, "{}").status()).isEqualTo(202);
        assertThat(call(a, "POST", path, null, "{}").status()).isEqualTo(429);
    }

    @Test
    @Order(5)
    void anEdgePollingOneControlPlaneIsSeenByTheOther() throws Exception {
        EdgeAcks acksOnB = b.getBean(EdgeAcks.class);
        assertThat(acksOnB.allEdgesAt(7)).as("no edge yet").isFalse();
        call(a, "GET", "/edge/v1/routes?since=7&waitMillis=0", EDGE_TOKEN, null);
        assertThat(acksOnB.allEdgesAt(7)).isTrue();
        assertThat(acksOnB.allEdgesAt(8)).isFalse();

        // two edges with one token name themselves: the one still behind keeps "every edge" from being true
        call(a, "GET", "/edge/v1/routes?since=9&waitMillis=0&edge=0123456789abcdef", EDGE_TOKEN, null);
        call(b, "GET", "/edge/v1/routes?since=8&waitMillis=0&edge=fedcba9876543210", EDGE_TOKEN, null);
        call(b, "GET", "/edge/v1/routes?since=9&waitMillis=0", EDGE_TOKEN, null);
        assertThat(acksOnB.allEdgesAt(9)).as("one edge still serves version 8").isFalse();
        call(a, "GET", "/edge/v1/routes?since=9&waitMillis=0&edge=fedcba9876543210", EDGE_TOKEN, null);
        assertThat(acksOnB.allEdgesAt(9)).isTrue();
    }

    @Test
    @Order(6)
    void aBackgroundTaskRunsOnExactlyOneControlPlaneEachInterval() throws Exception {
        Instant from = databaseNow();
        Thread.sleep(3000);
        List<Run> runs = runs("lease-reaper", from);
        assertThat(runs.stream().map(Run::holder).distinct()).as("one holder").hasSize(1)
                .containsAnyOf(holder(a), holder(b));
        Duration window = Duration.between(runs.getFirst().startedAt(), runs.getLast().startedAt());
        assertThat(runs.size()).as("once per interval, not once per control plane")
                .isBetween(2, (int) (window.toMillis() / REAPER_INTERVAL.toMillis()) + 1);
        for (String task : List.of("lease-reaper", "session-cleanup", "domains", "login-failure-sweep")) {
            assertNeverOnBoth(runs(task, Instant.EPOCH));
        }
    }

    /** Last: it kills one of the two. */
    @Test
    @Order(7)
    void aTaskWhoseHolderDiesIsTakenOverWithinTheHold() throws Exception {
        String holder = jdbc.sql("SELECT holder FROM task_locks WHERE name = 'lease-reaper'").query(String.class).single();
        ConfigurableApplicationContext dying = holder.equals(holder(a)) ? a : b;
        ConfigurableApplicationContext survivor = dying == a ? b : a;

        // as kill -9 looks to the database: no more statements, nothing released
        Instant killed = databaseNow();
        dying.getBean(HikariDataSource.class).close();
        Instant deadline = Instant.now().plusSeconds(30);
        List<Run> taken;
        do {
            Thread.sleep(100);
            taken = runs("lease-reaper", killed).stream().filter(run -> run.holder().equals(holder(survivor))).toList();
        } while (taken.isEmpty() && Instant.now().isBefore(deadline));

        assertThat(taken).as("taken over").isNotEmpty();
        Duration takeOver = Duration.between(killed, taken.getFirst().startedAt());
        System.out.printf("lease-reaper taken over %d ms after its holder died (hold %d ms, interval %d ms)%n",
                takeOver.toMillis(), HOLD.toMillis(), REAPER_INTERVAL.toMillis());
        assertThat(takeOver).as("within the hold and one tick, with slack for a busy machine")
                .isLessThan(HOLD.plus(REAPER_INTERVAL).plusSeconds(2));
        assertNeverOnBoth(runs("lease-reaper", Instant.EPOCH));
        dying.close();
    }

    private record Run(String holder, Instant startedAt, Instant finishedAt) {
    }

    private static List<Run> runs(String task, Instant from) {
        return jdbc.sql("SELECT holder, started_at, finished_at FROM task_runs WHERE name = ? AND started_at >= ? "
                        + "ORDER BY started_at")
                .params(task, Timestamp.from(from))
                .query((rs, n) -> new Run(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** A run by another holder starts only after the previous holder's last run ended. */
    private static void assertNeverOnBoth(List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Run previous = runs.get(i - 1);
            Run next = runs.get(i);
            if (!next.holder().equals(previous.holder())) {
                assertThat(next.startedAt()).as("%s after %s", next, previous).isAfterOrEqualTo(previous.finishedAt());
            }
        }
    }

    private static Instant databaseNow() {
        return jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
    }

    private static String holder(ConfigurableApplicationContext context) {
        return context.getBean(ClusterTasks.class).holder();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static List<String> cookieAttributes(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
        return Arrays.stream(cookie.split(";")).skip(1).map(part -> part.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Response call(ConfigurableApplicationContext plane, String method, String path, String token, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(plane) + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers
                        .ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
