package dev.slipway.e2e.security;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.GitHubDeliveries;
import dev.slipway.e2e.SiteRepository;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 M4: a git host's apiUrl may not point at this machine. A literal loopback address is refused when saved;
 * a name that resolves to one is saved (names are judged when resolved) and every call to it is refused, so nothing
 * reaches the listener and the call log says why, without any answer body.
 */
class GitHostDestinationIntegrationTests {

    @Test
    void anApiUrlOnThisMachineIsRefusedWhenSavedAndWhenCalled() throws Exception {
        Api api = SecurityStack.api();
        String secret = "git-host-dest-" + UUID.randomUUID();
        try (ProbeListener local = new ProbeListener();
                SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("git-host-dest"))) {
            String appId = SecurityStack.createApp("git-host-dest", repo.url(), Map.of("webhookSecret", secret))
                    .path("appId").asString();
            String gitHost = "/api/v1/apps/" + appId + "/git-host";

            for (String apiUrl : new String[] {"http://127.0.0.1:" + local.port(), "http://[::1]:" + local.port(),
                    "https://169.254.169.254/api/v3", "http://2130706433:" + local.port()}) {
                Api.Response refused = api.put(gitHost, Map.of("provider", "github", "token", "ghp_probe0000",
                        "apiUrl", apiUrl, "repository", "team/site"));
                assertThat(refused.status()).as(apiUrl + " -> " + refused.body()).isEqualTo(400);
                assertThat(refused.json().path("detail").asString()).contains("apiUrl");
            }

            Api.Response saved = api.put(gitHost, Map.of("provider", "github", "token", "ghp_probe0000",
                    "apiUrl", "http://localhost:" + local.port(), "repository", "team/site"));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            RevCommit commit = repo.commitPage("Status to nowhere");
            GitHubDeliveries.Delivery push = GitHubDeliveries.push("main", commit, secret);
            assertThat(api.postRaw("/hooks/github/" + appId, push.body(), push.headers()).status()).isEqualTo(202);

            JsonNode call = await(Duration.ofSeconds(60), () -> firstCall(api, gitHost),
                    c -> c != null && c.path("state").asString().equals("FAILED"));
            assertThat(call).as("a call was made and given up").isNotNull();
            assertThat(call.path("state").asString()).as(call.toString()).isEqualTo("FAILED");
            assertThat(call.path("lastError").asString()).contains("Refused", "localhost", "loopback")
                    .doesNotContain("ghp_probe");
            assertThat(local.connections()).as("nothing reached the local listener").isZero();
        }
    }

    private static JsonNode firstCall(Api api, String gitHost) throws Exception {
        JsonNode calls = api.get(gitHost + "/calls").json().path("calls");
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }
}
