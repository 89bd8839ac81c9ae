package dev.slipway.e2e;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3 through the real stack: a secret reaches the build masked; a stopped build (a container running
 * {@code sleep 60}) is CANCELLED within 5 s, its container is gone, and the branch keeps serving its previous
 * deployment.
 */
class StopAndSecretsIntegrationTests {

    private static final String SECRET = "e2e-secret-" + UUID.randomUUID();

    @TempDir
    Path temp;

    @Test
    void secretIsMaskedAndStopCancelsARunningBuildWithinFiveSeconds() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token);
            try {
                Api api = new Api(stack.apiUrl(), token);
                String appId = api.post("/api/v1/apps", Map.of("name", "stop", "repository", repo.url(),
                        "environmentVariables", Map.of("GREETING", "Hi"))).json().path("app").path("appId").asString();
                api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
                assertThat(put(api, "/api/v1/apps/" + appId + "/secrets/API_TOKEN", SECRET)).isEqualTo(200);
                String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
                String host = "main." + appId + ".localhost";

                repo.commitPage("Version one", SiteRepository.AMPLIFY_YML.replace(
                        "- echo \"building", "- echo \"token=$API_TOKEN\"\n        - echo \"building"));
                String first = finish(api, jobs, start(api, jobs));
                String log = api.get(jobs + "/1/logs").body();
                assertThat(first).as(log).isEqualTo("SUCCEED");
                assertThat(log).contains("token=***").doesNotContain(SECRET);
                assertThat(api.siteShowing(stack.edgeUrl(), host, "/", "Version one").body()).contains("Version one");

                repo.commitPage("Version two", SiteRepository.AMPLIFY_YML.replace("- mkdir -p dist", "- sleep 60"));
                String second = start(api, jobs);
                String sleeping = await(Duration.ofSeconds(60), () -> api.get(jobs + "/" + second + "/logs").body(),
                        body -> body.contains("# Executing command: sleep 60"));
                assertThat(sleeping).contains("# Executing command: sleep 60");
                List<String> containers = BuildContainers.of(appId);
                assertThat(containers).hasSize(1);

                long stopAt = System.nanoTime();
                assertThat(api.post(jobs + "/" + second + "/stop", Map.of()).json().path("jobSummary")
                        .path("status").asString()).isEqualTo("CANCELLING");
                JsonNode stopped = await(Duration.ofSeconds(10), () -> api.get(jobs + "/" + second).json().path("job"),
                        job -> job.path("summary").path("status").asString().equals("CANCELLED"));
                Duration took = Duration.ofNanos(System.nanoTime() - stopAt);
                assertThat(stopped.path("summary").path("status").asString()).isEqualTo("CANCELLED");
                assertThat(took).as("stop to CANCELLED").isLessThan(Duration.ofSeconds(5));
                System.out.println("[stop] CANCELLED " + took.toMillis() + " ms after the stop request");
                assertThat(BuildContainers.exists(containers.getFirst())).as("the build container is gone").isFalse();
                assertThat(api.site(stack.edgeUrl(), host, "/").body()).contains("Version one");
                assertThat(api.get("/api/v1/apps/" + appId + "/branches/main/deployments").json()
                        .path("deployments").size()).isEqualTo(1);
            } finally {
                stack.close();
            }
        }
    }

    private static int put(Api api, String path, String value) throws Exception {
        return api.put(path, Map.of("value", value)).status();
    }

    private static String start(Api api, String jobs) throws Exception {
        return api.post(jobs, Map.of("jobType", "RELEASE")).json().path("jobSummary").path("jobId").asString();
    }

    private static String finish(Api api, String jobs, String jobId) throws Exception {
        JsonNode job = await(Duration.ofMinutes(3), () -> api.get(jobs + "/" + jobId).json().path("job"),
                j -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(j.path("summary").path("status").asString()));
        return job.path("summary").path("status").asString();
    }
}
