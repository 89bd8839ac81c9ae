package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Test artifacts a runner reports with a completion: recorded per job, listed, downloaded, kept from blob GC. */
class TestArtifactsIntegrationTests extends ControlPlaneIntegrationTest {

    private final FileSystemBlobStore blobs = blobs();

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    @Test
    void aFailedJobsScreenshotsAndReportAreListedAndServedToViewers() throws Exception {
        String appId = createAppWithBranch("main", null);
        byte[] png = ("PNG " + System.nanoTime()).getBytes();
        String report = "{\"stats\":{\"tests\":3,\"passes\":2,\"failures\":1}}";
        TestArtifactsUpload upload = new TestArtifactsUpload(List.of(
                file("report/mochawesome.json", report.getBytes()), file("screenshots/home/failed.png", png),
                new TestArtifactsUpload.File("../escape.png", blobs.put(png), png.length, "image/png"),
                new TestArtifactsUpload.File("never-stored.png", "e".repeat(64), 1, "image/png")),
                new TestArtifactsUpload.Report("report/mochawesome.json", 3, 2, 1));
        completeWith(appId, "main", new JobCompletion("FAILED", "Command failed with exit code 1: npx cypress run",
                null).withTestArtifacts(upload));

        String jobPath = "/api/v1/apps/" + appId + "/branches/main/jobs/1";
        String viewer = viewerToken();
        JsonNode list = call("GET", jobPath + "/test-artifacts", viewer, null, Map.of()).json();
        assertThat(list.path("testArtifacts").toString()).as("unsafe paths and unknown blobs are refused").isEqualTo(
                "[{\"path\":\"report/mochawesome.json\",\"size\":" + report.length() + "},"
                        + "{\"path\":\"screenshots/home/failed.png\",\"size\":" + png.length + "}]");
        assertThat(list.path("testReport").path("failures").asInt()).isEqualTo(1);
        assertThat(api("GET", jobPath, null).json().path("job").path("testReport").path("tests").asInt()).isEqualTo(3);

        Response screenshot = call("GET", jobPath + "/test-artifacts/screenshots/home/failed.png", viewer, null,
                Map.of());
        assertThat(screenshot.status()).isEqualTo(200);
        assertThat(screenshot.raw().headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(screenshot.body()).isEqualTo(new String(png));
        Response json = api("GET", jobPath + "/test-artifacts/report/mochawesome.json", null);
        assertThat(json.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.raw().headers().firstValue("Content-Security-Policy")).hasValue("sandbox");

        assertThat(api("GET", jobPath + "/test-artifacts/secret.txt", null).status()).isEqualTo(404);
        for (String escape : List.of("..%2F..%2Fetc%2Fpasswd", "screenshots/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "screenshots/..%5C..%5Cfailed.png", "%2Fetc%2Fpasswd")) {
            assertThat(api("GET", jobPath + "/test-artifacts/" + escape, null).status()).as(escape).isIn(400, 404);
        }
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/9/test-artifacts", null).status())
                .isEqualTo(404);
    }

    @Test
    void aJobsTestArtifactsOutliveAnotherBranchSharingTheirBlobAndGoWithTheirOwnBranch() throws Exception {
        String appId = createAppWithBranch("main", null);
        byte[] png = ("shared " + System.nanoTime()).getBytes();
        TestArtifactsUpload.File screenshot = file("failed.png", png);
        completeWith(appId, "main", new JobCompletion("FAILED", "tests failed", null)
                .withTestArtifacts(new TestArtifactsUpload(List.of(screenshot), null)));

        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "feature"));
        String manifest = blobs.put(DeploymentManifest.of(Map.of("failed.png",
                new ManifestEntry(screenshot.hash(), png.length, "image/png"))).toJson());
        deploy(appId, "feature", manifest);
        assertThat(api("DELETE", "/api/v1/apps/" + appId + "/branches/feature", null).status()).isLessThan(300);
        // blob GC runs after the commit, off the request
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(blobs.exists(manifest)).as("the feature branch's own manifest is freed").isFalse());
        assertThat(blobs.exists(screenshot.hash())).as("still a test artifact of main's job").isTrue();

        assertThat(api("DELETE", "/api/v1/apps/" + appId + "/branches/main", null).status()).isLessThan(300);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(blobs.exists(screenshot.hash())).as("freed with the last job using it").isFalse());
    }

    private static FileSystemBlobStore blobs() {
        try {
            return new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestArtifactsUpload.File file(String path, byte[] bytes) throws Exception {
        return new TestArtifactsUpload.File(path, blobs.put(bytes), bytes.length, "text/html");
    }

    private void completeWith(String appId, String branch, JobCompletion completion) throws Exception {
        startJob(appId, branch);
        JsonNode lease = leaseFor(appId);
        Response done = runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), completion);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
    }

    private String viewerToken() throws Exception {
        String username = "artifact-viewer-" + System.nanoTime();
        users.create(username, null, "viewer-password-long-enough", Role.VIEWER.name());
        return tokens.create(new Me(username, Role.VIEWER, null), "artifacts", Role.VIEWER).token();
    }
}
