package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.StepReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The runner protocol over HTTP with a runner token: lease, heartbeat, logs, steps, completion, expiry, stop. */
class RunnerProtocolIntegrationTests extends ControlPlaneIntegrationTest {

    @Autowired
    JobQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Test
    void leaseLogCompleteDeploysAndPublishesARoute() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PATCH", "/api/v1/apps/" + appId, Map.of("environmentVariables", Map.of("API_URL", "https://a.test")));
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("environmentVariables", Map.of("API_URL", "https://b.test")));
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        assertThat(lease.path("environment").path("API_URL").asString()).as("branch wins").isEqualTo("https://b.test");
        assertThat(lease.path("platformEnvironment").path("AWS_JOB_ID").asString()).isEqualTo("0000000001");
        assertThat(lease.path("platformEnvironment").path("AWS_COMMIT_ID").asString()).isEqualTo("HEAD");

        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/heartbeat", "not-the-lease", null).status()).isEqualTo(409);
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/heartbeat", leaseId, null).json()
                .path("cancelRequested").asBoolean()).isFalse();

        assertThat(logs(jobId, leaseId, 0, List.of("a", "b", "c")).path("next").asLong()).isEqualTo(3);
        assertThat(logs(jobId, leaseId, 0, List.of("a", "b", "c", "d")).path("next").asLong()).as("resend").isEqualTo(4);
        assertThat(logs(jobId, leaseId, 10, List.of("gap")).path("next").asLong()).as("gap refused").isEqualTo(4);
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/steps", leaseId,
                new StepReport("BUILD", "RUNNING", null, "a".repeat(40), "Initial commit")).status()).isEqualTo(204);
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/steps", "stale-lease",
                new StepReport("BUILD", "RUNNING", null, null, null)).status()).isEqualTo(409);
        JsonNode running = api("GET", jobPath(appId, "1"), null).json().path("job");
        assertThat(running.path("summary").path("status").asString()).isEqualTo("RUNNING");
        assertThat(running.path("summary").path("commitId").asString()).isEqualTo("a".repeat(40));

        long routeVersion = routes(0).path("version").asLong();
        String manifest = storeManifest();
        JobCompletion success = new JobCompletion("SUCCEED", null, new DeploymentUpload(manifest, 1, 5));
        Response completed = runner("POST", "/runner/v1/jobs/" + jobId + "/complete", leaseId, success);
        String deploymentId = completed.json().path("deploymentId").asString();
        assertThat(deploymentId).isNotBlank();
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/complete", leaseId, success).json()
                .path("deploymentId").asString()).as("idempotent").isEqualTo(deploymentId);

        assertThat(api("GET", jobPath(appId, "1") + "/logs", null).body()).isEqualTo("a\nb\nc\nd\n");
        assertThat(api("GET", jobPath(appId, "1"), null).json().path("job").path("summary").path("status").asString())
                .isEqualTo("SUCCEED");
        JsonNode snapshot = routes(routeVersion - 1);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(routeVersion);
        assertThat(snapshot.path("sites").toString()).contains("main." + appId + ".localhost", deploymentId, manifest);
        Response unchanged = call("GET", "/edge/v1/routes?since=" + snapshot.path("version").asLong()
                + "&waitMillis=200", EDGE_TOKEN, null, Map.of());
        assertThat(unchanged.status()).isEqualTo(304);
    }

    @Test
    void aSuccessWhoseManifestIsNotInTheBlobStoreFailsTheJobAndDeploysNothing() throws Exception {
        String appId = createAppWithBranch("main", null);
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        complete(lease, new JobCompletion("SUCCEED", null, new DeploymentUpload("0".repeat(64), 1, 5)));
        JsonNode summary = api("GET", jobPath(appId, "1"), null).json().path("job").path("summary");
        assertThat(summary.path("status").asString()).isEqualTo("FAILED");
        assertThat(summary.path("statusReason").asString()).contains("0".repeat(64), "is not in the blob store");
        assertThat(jdbc.sql("SELECT count(*) FROM deployments WHERE app_id = ?").param(appId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void expiredLeaseIsRequeuedOnceThenFails() throws Exception {
        String appId = createAppWithBranch("main", null);
        startJob(appId, "main");
        JsonNode first = leaseFor(appId);
        long jobId = first.path("jobId").asLong();
        logs(jobId, first.path("leaseId").asString(), 0, List.of("attempt one"));
        expireLease(jobId);
        assertThat(status(appId)).isEqualTo("PENDING");
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/heartbeat", first.path("leaseId").asString(), null)
                .status()).as("the lost lease is dead").isEqualTo(409);

        JsonNode second = leaseFor(appId);
        logs(jobId, second.path("leaseId").asString(), 0, List.of("attempt two"));
        expireLease(jobId);
        assertThat(status(appId)).isEqualTo("FAILED");
        assertThat(api("GET", jobPath(appId, "1"), null).json().path("job").path("summary").path("statusReason")
                .asString()).contains("stopped responding");
        assertThat(api("GET", jobPath(appId, "1") + "/logs", null).body()).startsWith("attempt one\n")
                .contains("queued again", "attempt two");
    }

    @Test
    void stopCancelsQueuedJobsAtOnceAndRunningJobsThroughTheirRunner() throws Exception {
        String appId = createAppWithBranch("main", null);
        startJob(appId, "main");
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        assertThat(api("POST", jobPath(appId, "2") + "/stop", null).json().path("jobSummary").path("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(api("POST", jobPath(appId, "1") + "/stop", null).json().path("jobSummary").path("status").asString())
                .isEqualTo("CANCELLING");
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        assertThat(runner("POST", "/runner/v1/jobs/" + jobId + "/heartbeat", leaseId, null).json()
                .path("cancelRequested").asBoolean()).isTrue();
        runner("POST", "/runner/v1/jobs/" + jobId + "/complete", leaseId, new JobCompletion("CANCELLED", null, null));
        assertThat(status(appId)).isEqualTo("CANCELLED");
        assertThat(api("POST", jobPath(appId, "1") + "/stop", null).status()).isEqualTo(409);
    }

    @Test
    void aBuildSpecGeneratedForADetectedFrameworkIsShownWithTheJob() throws Exception {
        String appId = createAppWithBranch("main", null);
        String generated = "version: 1\nfrontend:\n  artifacts:\n    baseDirectory: dist\n";
        startJob(appId, "main");
        complete(leaseFor(appId), new JobCompletion("FAILED", "Command failed with exit code 1: npm run build", null,
                null, generated));
        startJob(appId, "main");
        complete(leaseFor(appId), new JobCompletion("FAILED", "no amplify.yml", null));

        assertThat(api("GET", jobPath(appId, "1"), null).json().path("job").path("detectedBuildSpec").asString())
                .isEqualTo(generated);
        assertThat(api("GET", jobPath(appId, "2"), null).json().path("job").has("detectedBuildSpec")).isFalse();
    }

    @Test
    void tokensOpenOnlyTheirOwnSurface() throws Exception {
        assertThat(call("POST", "/runner/v1/lease", ADMIN_TOKEN, new LeaseRequest("r", 0), Map.of()).status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/apps", RUNNER_TOKEN, null, Map.of()).status()).isEqualTo(403);
        assertThat(call("GET", "/edge/v1/routes", RUNNER_TOKEN, null, Map.of()).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/apps", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void buildCacheIsKeptPerBranchSeedsNewBranchesFromProductionAndCanBeCleared() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("stage", "PRODUCTION"));
        String cache = "c".repeat(64);
        startJob(appId, "main");
        JsonNode first = leaseFor(appId);
        assertThat(cacheOf(first)).isNull();
        assertThat(first.path("live").isNull() || first.path("live").isMissingNode()).as("nothing live yet").isTrue();
        String manifest = storeManifest();
        complete(first, new JobCompletion("SUCCEED", null, new DeploymentUpload(manifest, 1, 5), cache));

        startJob(appId, "main");
        JsonNode second = leaseFor(appId);
        assertThat(cacheOf(second)).isEqualTo(cache);
        assertThat(second.path("live").path("manifestHash").asString()).as("AMPLIFY_DIFF_DEPLOY compares with it")
                .isEqualTo(manifest);
        assertThat(second.path("live").path("fileCount").asInt()).isEqualTo(1);
        complete(second, new JobCompletion("FAILED", "broken", null, "d".repeat(64)));

        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "feature"));
        startJob(appId, "feature");
        JsonNode seeded = leaseFor(appId);
        assertThat(cacheOf(seeded)).as("a failed build keeps the old cache; new branches seed from production")
                .isEqualTo(cache);
        complete(seeded, new JobCompletion("FAILED", "broken", null, null));

        api("POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE", "clearCache", true));
        assertThat(cacheOf(leaseFor(appId))).as("Clear cache and build").isNull();
    }

    private static String cacheOf(JsonNode lease) {
        JsonNode hash = lease.path("cacheHash");
        return hash.isString() ? hash.asString() : null;
    }

    private void complete(JsonNode lease, JobCompletion completion) throws Exception {
        assertThat(runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), completion).status()).isEqualTo(200);
    }

    /**
     * Expires the lease and reaps it. The scheduled reaper may hold the row at that moment (the queue skips locked
     * rows), so this reaps until the job has left its leased state, whoever reaped it.
     */
    private void expireLease(long jobId) {
        jdbc.sql("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = ?").param(jobId).update();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            queue.reapExpiredLeases();
            return jdbc.sql("SELECT lease_id IS NULL FROM jobs WHERE id = ?").param(jobId).query(Boolean.class).single();
        });
    }

    private String status(String appId) throws Exception {
        return api("GET", jobPath(appId, "1"), null).json().path("job").path("summary").path("status").asString();
    }

    private JsonNode logs(long jobId, String leaseId, long from, List<String> lines) throws Exception {
        return runner("POST", "/runner/v1/jobs/" + jobId + "/logs", leaseId, new LogBatch(from, lines)).json();
    }

    private static String jobPath(String appId, String jobId) {
        return "/api/v1/apps/" + appId + "/branches/main/jobs/" + jobId;
    }

}
