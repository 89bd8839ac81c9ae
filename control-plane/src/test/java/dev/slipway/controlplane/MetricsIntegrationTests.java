package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static dev.slipway.protocol.metrics.PrometheusText.value;

import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.protocol.runner.JobCompletion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * /actuator/prometheus after real work: queued and finished jobs, a signed git host delivery, a reaped lease. Other
 * test classes share the database and this process's counters, so database gauges are compared with the database and
 * counters by how much they grew.
 */
class MetricsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Test
    void metricsNeedAnAdminTokenOutsideTheAllowedAddresses() throws Exception {
        Response anonymous = call("GET", "/actuator/prometheus", null, null, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.json().path("detail").asString()).contains("SLIPWAY_METRICS_ALLOWED_CIDRS");
        assertThat(call("GET", "/actuator/prometheus", "not-a-token", null, Map.of()).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", RUNNER_TOKEN, null, Map.of()).status()).isEqualTo(403);
        String viewer = "metrics-viewer-" + System.nanoTime();
        jdbc.sql("INSERT INTO api_tokens (token_hash, name, kind, role) VALUES (?, 'metrics viewer', 'USER', 'VIEWER')")
                .param(TokenService.hash(viewer)).update();
        assertThat(call("GET", "/actuator/prometheus", viewer, null, Map.of()).status()).isEqualTo(403);
        assertThat(scrape()).contains("# TYPE slipway_jobs_pending gauge");
    }

    @Test
    void probesAnswerAnyone() throws Exception {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response response = call("GET", probe, null, null, Map.of());
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().path("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void queueGaugesFollowTheDatabaseAndFinishedBuildsAreTimed() throws Exception {
        String appId = createAppWithBranch("main", null);
        double succeeded = value(scrape(), "slipway_build_duration_seconds_count", "result", "SUCCEED");
        startJob(appId, "main");
        startJob(appId, "main");
        jdbc.sql("UPDATE jobs SET create_time = now() - interval '90 seconds' WHERE app_id = ?").param(appId).update();
        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics = scrape();
            long pending = jdbc.sql("SELECT count(*) FROM jobs WHERE status = 'PENDING'").query(Long.class).single();
            assertThat(pending).isGreaterThanOrEqualTo(2);
            assertThat(value(metrics, "slipway_jobs_pending")).isEqualTo((double) pending);
            assertThat(value(metrics, "slipway_jobs_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(90);
        });

        JsonNode lease = leaseFor(appId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(value(scrape(), "slipway_jobs_running"))
                .isEqualTo(jdbc.sql("SELECT count(*) FROM jobs WHERE status IN ('PROVISIONING', 'RUNNING', "
                        + "'CANCELLING')").query(Long.class).single().doubleValue()).isGreaterThanOrEqualTo(1));
        JobCompletion success = new JobCompletion("SUCCEED", null,
                new JobCompletion.DeploymentUpload(storeManifest(), 1, 5));
        assertThat(runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), success).status()).isEqualTo(200);
        assertThat(value(scrape(), "slipway_build_duration_seconds_count", "result", "SUCCEED"))
                .isEqualTo(succeeded + 1);
        assertThat(scrape()).contains("slipway_build_duration_seconds_bucket{");
    }

    @Test
    void signedDeliveriesAreCountedByProviderAndResult() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        String before = scrape();
        assertThat(deliver("github", appId, "push-branch").status()).isEqualTo(202);
        assertThat(deliver("github", appId, "push-branch").status()).isEqualTo(200);
        assertThat(deliverEditedGitHub(appId, "push-branch", "not the app's secret", body -> { }).status())
                .isEqualTo(401);
        String after = scrape();
        for (String result : new String[] {"QUEUED", "DUPLICATE", "REJECTED"}) {
            assertThat(value(after, "slipway_webhook_deliveries_total", "provider", "github", "result", result))
                    .as(result).isEqualTo(value(before, "slipway_webhook_deliveries_total", "provider", "github",
                            "result", result) + 1);
        }
    }

    @Test
    void reapedLeasesAreCounted() throws Exception {
        String appId = createAppWithBranch("main", null);
        double requeued = value(scrape(), "slipway_lease_reaps_total", "outcome", "PENDING");
        startJob(appId, "main");
        long jobId = leaseFor(appId).path("jobId").asLong();
        jdbc.sql("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = ?").param(jobId).update();
        // the scheduled reaper (every 2 s) re-queues it
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                value(scrape(), "slipway_lease_reaps_total", "outcome", "PENDING")).isGreaterThan(requeued));
        assertThat(jdbc.sql("SELECT status FROM jobs WHERE id = ?").param(jobId).query(String.class).single())
                .isEqualTo("PENDING");
    }

    private String scrape() throws Exception {
        Response response = call("GET", "/actuator/prometheus", ADMIN_TOKEN, null, Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
