package dev.slipway.e2e.security;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Deploying a test app's branch and waiting until the edge serves it. */
final class SecuritySites {

    private SecuritySites() {
    }

    /** Builds {@code main} now (a RELEASE job) and waits for the deployment to be live on the edge. */
    static void deployMain(Api api, String edgeUrl, String appId, String text) throws Exception {
        String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
        Api.Response started = api.post(jobs, Map.of("jobType", "RELEASE"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String jobId = started.json().path("jobSummary").path("jobId").asString();
        JsonNode job = await(Duration.ofSeconds(180), () -> api.get(jobs + "/" + jobId).json().path("job")
                .path("summary"), s -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(s.path("status").asString()));
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEED");
        Api.Response page = api.siteShowing(edgeUrl, "main." + appId + ".localhost", "/", text);
        assertThat(page.body()).as("the deployment is live").contains(text);
    }
}
