package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.GitHubDeliveries;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SiteRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 L1, L8 and the unpreparable lease against the running stack: a captured GitHub delivery replayed under a
 * new delivery id queues nothing; a branch's build spec is checked when saved; a job whose lease cannot be prepared
 * fails with its reason and does not hold up the queue.
 */
class ControlPlaneHardeningIntegrationTests {

    @Test
    void aSignedGitHubBodyReplayedUnderANewDeliveryIdQueuesNothing() throws Exception {
        try (SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("replay"))) {
            RevCommit commit = repo.commitPage("Replayed");
            JsonNode app = SecurityStack.createApp("replay", repo.url(), Map.of());
            String appId = app.path("appId").asString();
            Api api = SecurityStack.api();
            GitHubDeliveries.Delivery delivery = GitHubDeliveries.push("main", commit,
                    app.path("webhookSecret").asString());
            Api.Response first = api.postRaw("/hooks/github/" + appId, delivery.body(), delivery.headers());
            assertThat(first.status()).as(first.body()).isEqualTo(202);

            Map<String, String> replayed = GitHubDeliveries.headers(UUID.randomUUID().toString(),
                    delivery.headers().get("X-Hub-Signature-256"));
            Api.Response replay = api.postRaw("/hooks/github/" + appId, delivery.body(), replayed);
            assertThat(replay.status()).as(replay.body()).isEqualTo(200);
            assertThat(replay.json().path("result").asString()).isEqualTo("DUPLICATE");
            Api.Response redelivery = api.postRaw("/hooks/github/" + appId, delivery.body(), delivery.headers());
            assertThat(redelivery.json().path("result").asString()).as("GitHub's own redelivery, same id")
                    .isEqualTo("DUPLICATE");
            assertThat(jobs(appId).size()).as("one build for one push").isEqualTo(1);

            GitHubDeliveries.Delivery next = GitHubDeliveries.push("main", repo.commitPage("Next push"),
                    app.path("webhookSecret").asString());
            Api.Response pushed = api.postRaw("/hooks/github/" + appId, next.body(), next.headers());
            assertThat(pushed.status()).as("a real new push still builds: %s", pushed.body()).isEqualTo(202);
            assertThat(jobs(appId).size()).isEqualTo(2);
        }
    }

    @Test
    void aBranchBuildSpecThatDoesNotParseIsRefusedWithItsLine() throws Exception {
        try (SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("branch-spec"))) {
            String appId = SecurityStack.createApp("branch-spec", repo.url(), Map.of()).path("appId").asString();
            String broken = "version: 1\nfrontend:\n  phases:\n    build: [unclosed\n";
            Api.Response patched = SecurityStack.api().patch("/api/v1/apps/" + appId + "/branches/main",
                    Map.of("buildSpec", broken));
            assertThat(patched.status()).as(patched.body()).isEqualTo(400);
            assertThat(patched.json().path("detail").asString()).matches("buildSpec line \\d+: .+");
            Api.Response created = SecurityStack.api().post("/api/v1/apps/" + appId + "/branches",
                    Map.of("branchName", "dev", "buildSpec", broken));
            assertThat(created.status()).as(created.body()).isEqualTo(400);
            assertThat(created.json().path("detail").asString()).startsWith("buildSpec line ");
            Api.Response fine = SecurityStack.api().patch("/api/v1/apps/" + appId + "/branches/main",
                    Map.of("buildSpec", SiteRepository.AMPLIFY_YML));
            assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        }
    }

    @Test
    void aJobWhoseSecretNoLongerDecryptsFailsWithItsReasonAndTheNextJobBuilds() throws Exception {
        try (SiteRepository broken = SiteRepository.create(SecurityStack.newDirectory("unpreparable"));
             SiteRepository healthy = SiteRepository.create(SecurityStack.newDirectory("after-unpreparable"))) {
            broken.commitPage("Never built");
            healthy.commitPage("Built after");
            String brokenApp = SecurityStack.createApp("unpreparable", broken.url(), Map.of()).path("appId").asString();
            String healthyApp = SecurityStack.createApp("after-unpreparable", healthy.url(), Map.of()).path("appId")
                    .asString();
            Api api = SecurityStack.api();
            assertThat(api.put("/api/v1/apps/" + brokenApp + "/secrets/API_KEY", Map.of("value", "s3cret-value"))
                    .status()).isEqualTo(200);
            sealWithAnotherKey(brokenApp);

            String brokenJob = start(brokenApp);
            String healthyJob = start(healthyApp);

            JsonNode failed = awaitFinished(brokenApp, brokenJob, Duration.ofSeconds(90));
            assertThat(failed.path("status").asString()).as("%s", failed).isEqualTo("FAILED");
            assertThat(failed.path("statusReason").asString()).contains("could not be prepared", "API_KEY");
            assertThat(api.get(jobPath(brokenApp, brokenJob) + "/logs").body()).contains("API_KEY", "set it again");
            JsonNode built = awaitFinished(healthyApp, healthyJob, Duration.ofMinutes(3));
            assertThat(built.path("status").asString()).as("%s", built).isEqualTo("SUCCEED");
        }
    }

    /** What a changed SLIPWAY_MASTER_KEY does to a stored secret: well-formed, but sealed with another key. */
    private static void sealWithAnotherKey(String appId) throws Exception {
        byte[] sealed = new byte[48];
        new SecureRandom().nextBytes(sealed);
        try (Connection db = StackDatabase.connect();
             PreparedStatement update = db.prepareStatement("UPDATE secrets SET value_enc = ? WHERE app_id = ?")) {
            update.setString(1, "v1:" + Base64.getEncoder().encodeToString(sealed));
            update.setString(2, appId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    static String start(String appId) throws Exception {
        Api.Response started = SecurityStack.api().post("/api/v1/apps/" + appId + "/branches/main/jobs", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().path("jobSummary").path("jobId").asString();
    }

    /** The job's summary once it ended, or as it is when {@code timeout} ran out. */
    static JsonNode awaitFinished(String appId, String jobId, Duration timeout) throws Exception {
        return PushToLiveIntegrationTests.await(timeout,
                () -> SecurityStack.api().get(jobPath(appId, jobId)).json().path("job").path("summary"),
                summary -> Map.of("SUCCEED", 1, "FAILED", 1, "CANCELLED", 1)
                        .containsKey(summary.path("status").asString()));
    }

    static String jobPath(String appId, String jobId) {
        return "/api/v1/apps/" + appId + "/branches/main/jobs/" + jobId;
    }

    private static JsonNode jobs(String appId) throws Exception {
        return SecurityStack.api().get("/api/v1/apps/" + appId + "/branches/main/jobs").json().path("jobSummaries");
    }
}
