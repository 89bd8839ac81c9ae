package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.auth.BasicAuthHash;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pull-request previews driven by the real provider fixtures: open, rebuild, edit, close/merge, limits, forks. */
class PullRequestPreviewIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String GITHUB = "It's a Secret to Everybody";

    @Test
    void previewLifecycleFromOpenToClose() throws Exception {
        String appId = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master",
                Map.of("enablePullRequestPreview", true, "environmentVariables", Map.of("API_URL", "https://staging")));

        Response opened = deliver("github", appId, "pull_request-opened");
        assertThat(opened.status()).as(opened.body()).isEqualTo(202);
        assertThat(opened.json().path("branchName").asString()).isEqualTo("pr-2");
        JsonNode preview = api("GET", "/api/v1/apps/" + appId + "/branches/pr-2", null).json().path("branch");
        assertThat(preview.path("stage").asString()).isEqualTo("PULL_REQUEST");
        assertThat(preview.path("pullRequestId").asString()).isEqualTo("2");
        assertThat(preview.path("sourceBranch").asString()).isEqualTo("changes");
        assertThat(preview.path("destinationBranch").asString()).isEqualTo("master");
        assertThat(preview.path("pullRequestFromFork").asBoolean()).isFalse();
        assertThat(preview.path("environmentVariables").path("API_URL").asString()).isEqualTo("https://staging");
        assertThat(preview.path("branchUrl").asString()).startsWith("http://pr-2." + appId + ".localhost:");

        JsonNode lease = leaseFor(appId);
        assertThat(lease.path("branchName").asString()).isEqualTo("pr-2");
        assertThat(lease.path("commitId").asString()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        JsonNode platform = lease.path("platformEnvironment");
        assertThat(platform.path("AWS_PULL_REQUEST_ID").asString()).isEqualTo("2");
        assertThat(platform.path("AWS_PULL_REQUEST_SOURCE_BRANCH").asString()).isEqualTo("changes");
        assertThat(platform.path("AWS_PULL_REQUEST_DESTINATION_BRANCH").asString()).isEqualTo("master");
        assertThat(lease.path("environment").path("API_URL").asString()).isEqualTo("https://staging");
        Response completed = runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(),
                new JobCompletion("SUCCEED", null, new DeploymentUpload(storeManifest(), 1, 5)));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(sites().toString()).contains("pr-2." + appId + ".localhost");

        Response synchronize = deliver("github", appId, "pull_request-synchronize");
        assertThat(synchronize.status()).isEqualTo(202);
        assertThat(synchronize.json().path("jobId").asString()).isEqualTo("2");
        assertThat(deliver("github", appId, "pull_request-reopened").json().path("jobId").asString()).isEqualTo("3");

        Response closed = deliver("github", appId, "pull_request-closed-unmerged");
        assertThat(closed.json().path("result").asString()).as(closed.body()).isEqualTo("REMOVED");
        assertThat(closed.json().path("reason").asString()).contains("preview branch 'pr-2' and its site were removed");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-2", null).status()).isEqualTo(404);
        assertThat(sites().toString()).doesNotContain("pr-2." + appId + ".localhost");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/webhook-deliveries", null).json()
                .path("webhookDeliveries").get(0).path("result").asString()).isEqualTo("REMOVED");
    }

    @Test
    void gitlabMergeRequestUpdateRebuildsOnlyWithNewCommitsAndMergeRemoves() throws Exception {
        String appId = createAppWithBranch("main", "fixture-gitlab-token");
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enablePullRequestPreview", true));
        assertThat(deliver("gitlab", appId, "merge_request-open").json().path("branchName").asString())
                .isEqualTo("pr-3");
        Response edited = deliver("gitlab", appId, "merge_request-update-title-only");
        assertThat(edited.json().path("result").asString()).isEqualTo("IGNORED");
        assertThat(deliver("gitlab", appId, "merge_request-update-new-commits").json().path("jobId").asString())
                .isEqualTo("2");
        assertThat(jobCount(appId, "pr-3")).isEqualTo(2);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-3/jobs/2", null).json().path("job")
                .path("summary").path("commitId").asString()).isEqualTo("c136499ec574e1034b24c5d306de9acda3005367");
    }

    @Test
    void bitbucketAndGiteaPreviewsAreCreatedAndRemoved() throws Exception {
        String bitbucket = createAppWithBranch("master", "fixture-bitbucket-secret");
        api("PATCH", "/api/v1/apps/" + bitbucket + "/branches/master", Map.of("enablePullRequestPreview", true));
        assertThat(deliver("bitbucket", bitbucket, "pullrequest-created").status()).isEqualTo(202);
        assertThat(deliver("bitbucket", bitbucket, "pullrequest-updated").status()).isEqualTo(202);
        assertThat(deliver("bitbucket", bitbucket, "pullrequest-fulfilled").json().path("result").asString())
                .isEqualTo("REMOVED");

        String gitea = createAppWithBranch("master", "fixture-gitea-secret");
        api("PATCH", "/api/v1/apps/" + gitea + "/branches/master", Map.of("enablePullRequestPreview", true));
        assertThat(deliver("gitea", gitea, "pull_request-opened").status()).isEqualTo(202);
        assertThat(api("GET", "/api/v1/apps/" + gitea + "/branches/pr-2", null).json().path("branch")
                .path("pullRequestFromFork").asBoolean()).as("example2/example -> example/example").isTrue();
    }

    @Test
    void forkPullRequestBuildsGetNoSecretsUnlessTheAppAllowsThem() throws Exception {
        String fork = giteaForkPreview(false);
        JsonNode forkBuild = leaseFor(fork);
        assertThat(forkBuild.path("platformEnvironment").path("AWS_PULL_REQUEST_ID").asString()).isEqualTo("2");
        assertThat(forkBuild.path("environment").path("API_URL").asString()).isEqualTo("https://staging");
        assertThat(forkBuild.path("secrets").size()).as(forkBuild.path("secrets").toString()).isZero();

        String allowed = giteaForkPreview(true);
        assertThat(leaseFor(allowed).path("secrets").path("API_KEY").asString()).isEqualTo("app-secret");

        String sameRepository = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + sameRepository + "/branches/master", Map.of("enablePullRequestPreview", true));
        api("PUT", "/api/v1/apps/" + sameRepository + "/secrets/API_KEY", Map.of("value", "same-repo-value"));
        assertThat(api("GET", "/api/v1/apps/" + sameRepository, null).json().path("app")
                .path("pullRequestForkSecrets").asBoolean()).as("off by default").isFalse();
        deliver("github", sameRepository, "pull_request-opened");
        JsonNode sameRepositoryBuild = leaseFor(sameRepository);
        assertThat(sameRepositoryBuild.path("branchName").asString()).isEqualTo("pr-2");
        assertThat(sameRepositoryBuild.path("secrets").path("API_KEY").asString()).isEqualTo("same-repo-value");
    }

    /** An app with a secret whose master branch gets Gitea's pull request from the fork example2/example. */
    private String giteaForkPreview(boolean forkSecrets) throws Exception {
        String appId = createAppWithBranch("master", "fixture-gitea-secret");
        Response patched = api("PATCH", "/api/v1/apps/" + appId, Map.of("pullRequestForkSecrets", forkSecrets));
        assertThat(patched.json().path("app").path("pullRequestForkSecrets").asBoolean()).isEqualTo(forkSecrets);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enablePullRequestPreview", true,
                "environmentVariables", Map.of("API_URL", "https://staging")));
        api("PUT", "/api/v1/apps/" + appId + "/secrets/API_KEY", Map.of("value", "app-secret"));
        assertThat(deliver("gitea", appId, "pull_request-opened").status()).isEqualTo(202);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-2", null).json().path("branch")
                .path("pullRequestFromFork").asBoolean()).isTrue();
        return appId;
    }

    @Test
    void previewsInheritTheBaseBranchsBasicAuth() throws Exception {
        String appId = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enablePullRequestPreview", true,
                "enableBasicAuth", true, "basicAuthCredentials", b64("qa:first-password")));
        deliver("github", appId, "pull_request-opened");
        JsonNode lease = leaseFor(appId);
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(),
                new JobCompletion("SUCCEED", null, new DeploymentUpload(storeManifest(), 1, 5)));
        String previewHost = "pr-2." + appId + ".localhost";
        String auth = site(routes(0), previewHost).path("basicAuth").asString();
        assertThat(BasicAuthHash.matches(auth, "Basic " + b64("qa:first-password"))).isTrue();

        api("PATCH", "/api/v1/apps/" + appId + "/branches/master",
                Map.of("basicAuthCredentials", b64("qa:second-password")));
        String changed = site(routes(0), previewHost).path("basicAuth").asString();
        assertThat(BasicAuthHash.matches(changed, "Basic " + b64("qa:second-password"))).isTrue();
        assertThat(BasicAuthHash.matches(changed, "Basic " + b64("qa:first-password"))).isFalse();
    }

    @Test
    void closingAPreviewFreesItsOwnBlobsAndKeepsSharedOnes() throws Exception {
        String appId = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enablePullRequestPreview", true));
        String masterManifest = storeManifest();
        deploy(appId, "master");
        FileSystemBlobStore blobs = new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        String shared = blobs.put("hello".getBytes());
        String own = blobs.put(("preview of " + appId).getBytes());
        String manifest = blobs.put(DeploymentManifest.of(Map.of("index.html", new ManifestEntry(own, 20, "text/html"),
                "hello.txt", new ManifestEntry(shared, 5, "text/plain"))).toJson());
        String cache = blobs.put(("cache of " + appId).getBytes());
        deliver("github", appId, "pull_request-opened");
        JsonNode lease = leaseFor(appId);
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(),
                new JobCompletion("SUCCEED", null, new DeploymentUpload(manifest, 2, 25), cache));

        assertThat(deliver("github", appId, "pull_request-closed-unmerged").json().path("result").asString())
                .isEqualTo("REMOVED");
        awaitFreed(blobs, own, manifest, cache);
        assertThat(blobs.exists(own)).as("the preview's own file").isFalse();
        assertThat(blobs.exists(manifest)).as("the preview's manifest").isFalse();
        assertThat(blobs.exists(cache)).as("the preview's build cache").isFalse();
        assertThat(blobs.exists(shared)).as("a file master's deployment still serves").isTrue();
        assertThat(blobs.exists(masterManifest)).as("master's manifest").isTrue();
    }

    @Test
    void deletingAnAppFreesTheBlobsOnlyItUsed() throws Exception {
        String appId = createAppWithBranch("main", null);
        FileSystemBlobStore blobs = new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        String own = blobs.put(("only in " + appId).getBytes());
        String manifest = blobs.put(DeploymentManifest.of(Map.of("index.html", new ManifestEntry(own, 20,
                "text/html"))).toJson());
        api("POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"));
        JsonNode lease = leaseFor(appId);
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), new JobCompletion("SUCCEED", null, new DeploymentUpload(manifest, 1,
                        20)));
        assertThat(api("DELETE", "/api/v1/apps/" + appId, null).status()).isEqualTo(200);
        awaitFreed(blobs, own, manifest);
        assertThat(blobs.exists(own)).isFalse();
        assertThat(blobs.exists(manifest)).isFalse();
    }

    private static void awaitFreed(FileSystemBlobStore blobs, String... keys) {
        await("blobs " + Arrays.toString(keys) + " freed").atMost(Duration.ofSeconds(10))
                .until(() -> Arrays.stream(keys).noneMatch(blobs::exists));
    }

    @Test
    void previewLimitRefusesWithAReason() throws Exception {
        String appId = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enablePullRequestPreview", true));
        for (int number = 1; number <= 3; number++) {
            assertThat(openPullRequest(appId, number).status()).isEqualTo(202);
        }
        Response refused = openPullRequest(appId, 4);
        assertThat(refused.json().path("result").asString()).isEqualTo("IGNORED");
        assertThat(refused.json().path("reason").asString()).contains("already has 3 pull-request previews");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-4", null).status()).isEqualTo(404);
    }

    @Test
    void aHandConnectedBranchNamedLikeAPreviewIsNotTakenOver() throws Exception {
        String appId = createAppWithBranch("master", GITHUB);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enablePullRequestPreview", true));
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "pr-2"));
        assertThat(deliver("github", appId, "pull_request-opened").json().path("reason").asString())
                .contains("connected by hand");
        assertThat(deliver("github", appId, "pull_request-closed-unmerged").json().path("result").asString())
                .isEqualTo("IGNORED");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-2", null).status()).isEqualTo(200);
    }

    /** The GitHub opened fixture renumbered. */
    private Response openPullRequest(String appId, int number) throws Exception {
        return deliverEditedGitHub(appId, "pull_request-opened", GITHUB, body -> {
            body.put("number", number);
            ((ObjectNode) body.path("pull_request")).put("number", number);
        });
    }

    private JsonNode sites() throws Exception {
        return call("GET", "/edge/v1/routes?since=0&waitMillis=100", EDGE_TOKEN, null, Map.of()).json().path("sites");
    }
}
