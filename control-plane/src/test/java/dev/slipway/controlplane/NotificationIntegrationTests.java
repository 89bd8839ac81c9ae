package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.protocol.runner.JobCompletion;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Build notifications end to end: rules through the API, a job ended by a simulated runner, an email to a real SMTP
 * server (GreenMail) and a signed webhook to a real HTTP receiver, retries, and the delivery log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String BUILD_SECRET = "hunter2-build-secret";
    private static final String SIGNING_SECRET = "signing-secret-for-tests";
    private static final String PASSWORD = "notifications-member-password";

    @Autowired
    UserAccounts users;

    /** A webhook the receiver got: its path, headers that matter and body. */
    record Received(String path, String signature, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per path: how many more requests are answered 503 before the receiver accepts. */
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private GreenMail smtp;
    private HttpServer receiver;

    @BeforeAll
    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-Slipway-Signature-256"), body));
            AtomicInteger failures = failuresLeft.get(path);
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stop() {
        receiver.stop(0);
        smtp.stop();
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aFailedBuildSendsOneEmailAndOneSignedWebhookWithoutSecrets() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PUT", "/api/v1/apps/" + appId + "/secrets/NPM_TOKEN", Map.of("value", BUILD_SECRET));
        String email = "team-" + appId + "@example.com";
        String hook = "/hooks/" + appId;
        Response put = api("PUT", "/api/v1/apps/" + appId + "/notifications", Map.of("rules", List.of(
                Map.of("branch", "*", "events", List.of("FAILED"), "email", email),
                Map.of("branch", "main", "events", List.of("SUCCEED", "FAILED"), "webhookUrl", receiverUrl(hook),
                        "format", "generic", "secret", SIGNING_SECRET),
                Map.of("branch", "release/*", "events", List.of("FAILED"), "webhookUrl", receiverUrl(hook + "/x")))));
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(),
                new JobCompletion("FAILED", "npm install failed: 401 for token " + BUILD_SECRET, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(appId).size() == 2
                && deliveries(appId).stream().allMatch(d -> d.path("state").asString().equals("SENT")));

        List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipients(m).contains(email)).toList();
        assertThat(mails).hasSize(1);
        String mailText = GreenMailUtil.getWholeMessage(mails.getFirst());
        assertThat(mails.getFirst().getSubject()).contains("main").contains("failed");
        assertThat(mailText).contains("npm install failed").doesNotContain(BUILD_SECRET)
                .contains("/apps/" + appId + "/branches/main/jobs/1");

        List<Received> hooks = received.stream().filter(r -> r.path().startsWith(hook)).toList();
        assertThat(hooks).hasSize(1);
        Received webhook = hooks.getFirst();
        assertThat(webhook.path()).isEqualTo(hook);
        assertThat(webhook.signature()).isEqualTo("sha256=" + hmac(SIGNING_SECRET, webhook.body()));
        assertThat(webhook.body()).doesNotContain(BUILD_SECRET).doesNotContain(SIGNING_SECRET);
        JsonNode body = JSON.readTree(webhook.body());
        assertThat(body.path("status").asString()).isEqualTo("FAILED");
        assertThat(body.path("branch").asString()).isEqualTo("main");
        assertThat(body.path("jobId").asString()).isEqualTo("1");
        assertThat(body.path("app").path("appId").asString()).isEqualTo(appId);
        assertThat(body.path("consoleUrl").asString()).endsWith("/apps/" + appId + "/branches/main/jobs/1");
        assertThat(body.path("siteUrl").asString()).startsWith("http://main." + appId + ".");
        assertThat(body.path("reason").asString()).contains("********");

        String log = api("GET", "/api/v1/apps/" + appId + "/notifications/deliveries", null).body();
        assertThat(log).contains("team-" + appId).doesNotContain("npm install failed").doesNotContain("secretEnc")
                .doesNotContain(SIGNING_SECRET);
    }

    @Test
    void aReceiverThatFailsFirstGetsARetryAndSlackGetsText() throws Exception {
        String appId = createAppWithBranch("main", null);
        String hook = "/flaky/" + appId;
        failuresLeft.put(hook, new AtomicInteger(1));
        api("PUT", "/api/v1/apps/" + appId + "/notifications", Map.of("rules", List.of(Map.of("branch", "main",
                "events", List.of("SUCCEED"), "webhookUrl", receiverUrl(hook), "format", "slack"))));

        deploy(appId, "main");

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(appId).size() == 1
                && deliveries(appId).getFirst().path("state").asString().equals("SENT"));
        JsonNode delivery = deliveries(appId).getFirst();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("channel").asString()).isEqualTo("WEBHOOK");
        assertThat(delivery.path("jobStatus").asString()).isEqualTo("SUCCEED");
        List<Received> hooks = received.stream().filter(r -> r.path().equals(hook)).toList();
        assertThat(hooks).hasSize(2);
        assertThat(hooks.get(1).body()).isEqualTo(hooks.get(0).body());
        assertThat(hooks.get(1).signature()).isNull();
        assertThat(JSON.readTree(hooks.get(1).body()).path("text").asString()).contains("deployed")
                .contains("main");
    }

    @Test
    void theSigningSecretIsNeverShownAndAGetAnswerCanBeSentBack() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/notifications";
        Response put = api("PUT", path, Map.of("rules", List.of(Map.of("events", List.of("FAILED"),
                "webhookUrl", receiverUrl("/kept"), "secret", SIGNING_SECRET))));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(SIGNING_SECRET);
        Response get = api("GET", path, null);
        assertThat(get.body()).doesNotContain(SIGNING_SECRET);
        JsonNode rule = get.json().path("rules").get(0);
        assertThat(rule.path("secretSet").asBoolean()).isTrue();
        assertThat(rule.path("branch").asString()).isEqualTo("*");
        assertThat(rule.path("format").asString()).isEqualTo("generic");

        assertThat(api("PUT", path, get.json()).status()).isEqualTo(200);
        assertThat(api("GET", path, null).json().path("rules").get(0).path("secretSet").asBoolean()).isTrue();

        assertThat(api("PUT", path, Map.of("rules", List.of())).status()).isEqualTo(200);
        assertThat(api("GET", path, null).json().path("rules").size()).isZero();
    }

    @Test
    void invalidRulesAreRefusedWithProblemDetails() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/notifications";
        List<Map<String, Object>> invalid = List.of(
                Map.of("events", List.of("FAILED"), "webhookUrl", "not a url"),
                Map.of("events", List.of("FAILED"), "webhookUrl", "ftp://example.com/hook"),
                Map.of("events", List.of("FAILED"), "webhookUrl", "http://169.254.169.254/latest"),
                Map.of("events", List.of("EXPLODED"), "email", "team@example.com"),
                Map.of("events", List.of(), "email", "team@example.com"),
                Map.of("events", List.of("FAILED")),
                Map.of("events", List.of("FAILED"), "email", "team@example.com", "webhookUrl", receiverUrl("/x")),
                Map.of("events", List.of("FAILED"), "email", "not-an-address"),
                Map.of("events", List.of("FAILED"), "webhookUrl", receiverUrl("/x"), "format", "teams"),
                Map.of("events", List.of("FAILED"), "webhookUrl", receiverUrl("/x"), "secretSet", true));
        for (Map<String, Object> rule : invalid) {
            Response refused = api("PUT", path, Map.of("rules", List.of(rule)));
            assertThat(refused.status()).as(rule.toString()).isEqualTo(400);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).as(rule.toString()).startsWith("rules[0]: ");
        }
        assertThat(api("PUT", path, Map.of()).status()).isEqualTo(400);
        assertThat(api("GET", path, null).json().path("rules").size()).isZero();
        assertThat(api("GET", "/api/v1/apps/no-such-app/notifications", null).status()).isEqualTo(404);
    }

    @Test
    void adminsAddAndRemoveRulesOnTheConsolePageAndViewersOnlyRead() throws Exception {
        String appId = createAppWithBranch("main", null);
        String page = "/apps/" + appId + "/notifications";
        ConsoleClient admin = member("ADMIN");
        assertThat(admin.get("/apps/" + appId).body()).contains("id=\"app-notifications\"");
        HttpResponse<String> refused = admin.follow(admin.post(page,
                Map.of("branch", "*", "events", "FAILED", "kind", "webhook", "target", "not a url")));
        assertThat(refused.body()).contains("id=\"add-error\"").contains("webhookUrl");

        String url = receiverUrl("/console/" + appId);
        HttpResponse<String> added = admin.follow(admin.post(page, Map.of("branch", "main", "events", "FAILED",
                "kind", "webhook", "target", url, "format", "slack", "secret", SIGNING_SECRET)));
        assertThat(added.body()).contains(url).contains("slack, signed").doesNotContain(SIGNING_SECRET);
        JsonNode rule = api("GET", "/api/v1/apps/" + appId + "/notifications", null).json().path("rules").get(0);
        assertThat(rule.path("branch").asString()).isEqualTo("main");
        assertThat(rule.path("format").asString()).isEqualTo("slack");
        assertThat(rule.path("secretSet").asBoolean()).isTrue();

        String viewerPage = member("VIEWER").get(page).body();
        assertThat(viewerPage).contains(url).doesNotContain("id=\"add-rule\"").doesNotContain("/0/delete");

        admin.follow(admin.post(page + "/0/delete", Map.of()));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/notifications", null).json().path("rules").size())
                .isZero();
    }

    private ConsoleClient member(String role) throws Exception {
        String name = "notifications-" + role.toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime();
        users.create(name, null, PASSWORD, role);
        return ConsoleClient.signedIn(port, name, PASSWORD);
    }

    private List<JsonNode> deliveries(String appId) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        api("GET", "/api/v1/apps/" + appId + "/notifications/deliveries", null).json().path("deliveries")
                .forEach(list::add);
        return list;
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
