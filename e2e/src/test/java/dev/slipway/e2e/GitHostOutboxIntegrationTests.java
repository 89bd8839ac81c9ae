package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A commit status is written to the outbox before the push is acknowledged: with the git host down and the control
 * plane killed with SIGKILL right after the 202, the restarted stack still delivers it once the host answers.
 */
class GitHostOutboxIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void aStatusAcknowledgedBeforeAKillIsSentAfterTheRestart() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        String secret = "e2e-hook-secret-" + UUID.randomUUID();
        int hostPort = SlipwayStack.freePort(); // nothing listens there yet: the git host is down
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token,
                    Map.of("SLIPWAY_GIT_HOSTS_RETRY_BASE", "1s", "SLIPWAY_GIT_HOSTS_RETRY_MAX", "2s",
                            // the fake git host below listens on loopback
                            "SLIPWAY_GIT_HOSTS_ALLOW", "127.0.0.0/8"));
            try {
                Api api = new Api(stack.apiUrl(), token);
                String appId = api.post("/api/v1/apps", Map.of("name", "outbox", "repository", repo.url(),
                        "webhookSecret", secret)).json().path("app").path("appId").asString();
                api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
                assertThat(api.put("/api/v1/apps/" + appId + "/git-host", Map.of("provider", "github",
                        "token", "ghp_e2eOutbox", "apiUrl", "http://127.0.0.1:" + hostPort,
                        "repository", "team/site")).status()).isEqualTo(200);
                RevCommit commit = repo.commitPage("Status after a crash");
                GitHubDeliveries.Delivery push = GitHubDeliveries.push("main", commit, secret);
                assertThat(api.postRaw("/hooks/github/" + appId, push.body(), push.headers()).status()).isEqualTo(202);
                stack.crash("control-plane");

                stack = stack.restart();
                api = new Api(stack.apiUrl(), token);
                List<String> received = new CopyOnWriteArrayList<>();
                HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort), 0);
                host.createContext("/", exchange -> {
                    received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization"));
                    byte[] answer = "{\"id\":1}".getBytes();
                    exchange.sendResponseHeaders(201, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                host.start();
                try {
                    JsonNode first = awaitFirstCallSettled(api, appId);
                    assertThat(first.path("state").asString()).as(first.toString()).isIn("SENT", "SUPERSEDED");
                    assertThat(received).as("the git host got the commit's status")
                            .contains("POST /repos/team/site/statuses/" + commit.name() + " Bearer ghp_e2eOutbox");
                } finally {
                    host.stop(0);
                }
            } finally {
                stack.close();
            }
        }
    }

    /** The oldest call (the one committed with the push before the kill), once it was sent or replaced by a newer. */
    private static JsonNode awaitFirstCallSettled(Api api, String appId) throws Exception {
        JsonNode first = null;
        for (int i = 0; i < 240; i++) {
            JsonNode calls = api.get("/api/v1/apps/" + appId + "/git-host/calls").json().path("calls");
            first = calls.get(calls.size() - 1);
            boolean settled = !first.path("state").asString().equals("PENDING");
            boolean someSent = calls.findValuesAsString("state").contains("SENT");
            if (settled && someSent) {
                return first;
            }
            Thread.sleep(500);
        }
        return first;
    }
}
