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
 * Static stability and crash recovery through the real stack: with the control plane killed (-9), the edge keeps
 * answering every request from its last snapshot; {@code slipway up} starts the dead process again and the next build
 * deploys; a killed edge comes back serving the same site.
 */
class CrashRecoveryIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void edgeServesThroughAControlPlaneCrashAndEveryKilledProcessComesBack() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token);
            try {
                Api api = new Api(stack.apiUrl(), token);
                String appId = api.post("/api/v1/apps", Map.of("name", "crash", "repository", repo.url(),
                        "environmentVariables", Map.of("GREETING", "Hi"))).json().path("app").path("appId").asString();
                api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
                String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
                String host = "main." + appId + ".localhost";
                repo.commitPage("Before the crash");
                assertThat(build(api, jobs)).isEqualTo("SUCCEED");
                awaitPage(api, stack, host, "Before the crash");

                long killed = stack.crash("control-plane");
                int served = 0;
                boolean sawApiDown = false;
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until || !sawApiDown) {
                    Api.Response page = api.site(stack.edgeUrl(), host, "/");
                    assertThat(page.status()).as("edge answer with the control plane down").isEqualTo(200);
                    assertThat(page.body()).contains("Before the crash");
                    served++;
                    sawApiDown |= apiIsDown(api);
                }
                System.out.println("[crash] edge served " + served + " requests while the control plane was down");

                JsonNode back = await(Duration.ofSeconds(90), () -> apiIsDown(api) ? null : api.get(jobs).json(),
                        json -> json != null);
                assertThat(back).as("the control plane is started again").isNotNull();
                assertThat(stack.component("control-plane").pid()).isNotEqualTo(killed);
                assertThat(stack.output()).contains("the control-plane (pid " + killed + ") exited");

                repo.commitPage("After the crash");
                assertThat(build(api, jobs)).isEqualTo("SUCCEED");
                awaitPage(api, stack, host, "After the crash");

                stack.crash("edge-router");
                Api.Response page = await(Duration.ofSeconds(90), () -> siteOrNull(api, stack, host),
                        r -> r != null && r.status() == 200);
                assertThat(page).as("the edge is started again").isNotNull();
                assertThat(page.body()).contains("After the crash");
                assertThat(stack.stop()).isZero();
            } finally {
                stack.close();
            }
        }
    }

    private static String build(Api api, String jobs) throws Exception {
        String jobId = api.post(jobs, Map.of("jobType", "RELEASE")).json().path("jobSummary").path("jobId").asString();
        JsonNode job = await(Duration.ofMinutes(3), () -> api.get(jobs + "/" + jobId).json().path("job"),
                j -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(j.path("summary").path("status").asString()));
        return job.path("summary").path("status").asString();
    }

    private static void awaitPage(Api api, SlipwayStack stack, String host, String text) throws Exception {
        Api.Response page = await(Duration.ofSeconds(15), () -> api.site(stack.edgeUrl(), host, "/"),
                r -> r.body().contains(text));
        assertThat(page.body()).contains(text);
    }

    private static boolean apiIsDown(Api api) throws InterruptedException {
        try {
            api.get("/api/v1/apps");
            return false;
        } catch (java.io.IOException refusedOrReset) {
            return true;
        }
    }

    private static Api.Response siteOrNull(Api api, SlipwayStack stack, String host) throws InterruptedException {
        try {
            return api.site(stack.edgeUrl(), host, "/");
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
