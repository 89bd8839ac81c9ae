package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real GitHub deliveries from the fixtures, signed with GitHub's documented test secret. */
class GitHubWebhookIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String SECRET = "It's a Secret to Everybody";

    @Test
    void pushToConnectedBranchQueuesOneJobAndRedeliveryQueuesNothing() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        Response first = deliver("github", appId, "push-branch");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("jobId").asString()).isEqualTo("1");
        assertThat(first.json().path("branchName").asString()).isEqualTo("master");

        Response again = deliver("github", appId, "push-branch");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("result").asString()).isEqualTo("DUPLICATE");

        Response job = api("GET", "/api/v1/apps/" + appId + "/branches/master/jobs/1", null);
        assertThat(job.json().path("job").path("summary").path("status").asString()).isEqualTo("PENDING");
        assertThat(job.json().path("job").path("summary").path("jobType").asString()).isEqualTo("WEB_HOOK");
        assertThat(job.json().path("job").path("summary").path("commitId").asString())
                .isEqualTo(Fixtures.body("github", "push-branch").length > 0
                        ? JSON.readTree(Fixtures.body("github", "push-branch")).path("after").asString() : null);
        assertThat(jobCount(appId, "master")).isEqualTo(1);
    }

    @Test
    void concurrentPushesToOneBranchGetEveryJobNumberOnce() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        int pushes = 24;
        java.util.List<java.util.concurrent.Future<Response>> sent = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < pushes; i++) {
                String sha = String.format("%040x", 0xC0FFEEL + i);
                sent.add(pool.submit(() -> push(appId, sha)));
            }
        }
        java.util.Set<String> numbers = new java.util.TreeSet<>();
        for (var response : sent) {
            assertThat(response.get().status()).as(response.get().body()).isEqualTo(202);
            numbers.add(response.get().json().path("jobId").asString());
        }
        assertThat(numbers).hasSize(pushes);
        assertThat(jobCount(appId, "master")).isEqualTo(pushes);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/master", null).json().path("branch")
                .path("totalNumberOfJobs").asString()).isEqualTo(Integer.toString(pushes));
        for (int number = 1; number <= pushes; number++) {
            assertThat(numbers).contains(Integer.toString(number));
        }
    }

    /** The push fixture with another head commit. */
    private Response push(String appId, String sha) throws Exception {
        return deliverEditedGitHub(appId, "push-branch", SECRET, body -> {
            body.put("after", sha);
            ((tools.jackson.databind.node.ObjectNode) body.path("head_commit")).put("id", sha);
        });
    }

    @Test
    void ignoredEventsSayWhyAndQueueNothing() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        assertIgnored(appId, "ping", "Ping received");
        assertIgnored(appId, "push-tag", "Tag pushes");
        assertIgnored(appId, "push-tag-delete", "Tag pushes");
        assertIgnored(appId, "push-branch-delete", "was deleted");
        assertIgnored(appId, "pull_request-opened", "previews are off");
        assertThat(jobCount(appId, "master")).isZero();
    }

    @Test
    void pushToBranchThatIsNotConnectedIsIgnored() throws Exception {
        String appId = createAppWithBranch("main", SECRET);
        assertIgnored(appId, "push-branch", "is not connected");
    }

    @Test
    void pushWithAutoBuildOffIsIgnored() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/master", Map.of("enableAutoBuild", false));
        assertIgnored(appId, "push-branch", "Auto build is off");
    }

    @Test
    void badOrMissingSignatureIs401AndQueuesNothing() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        byte[] body = Fixtures.body("github", "push-branch");
        byte[] tampered = body.clone();
        tampered[10] ^= 1;
        Response forged = call("POST", "/hooks/github/" + appId, null, tampered, Fixtures.headers("github", "push-branch"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        Map<String, String> unsigned = new HashMap<>(Fixtures.headers("github", "push-branch"));
        unsigned.remove("X-Hub-Signature-256");
        unsigned.remove("X-Hub-Signature");
        assertThat(call("POST", "/hooks/github/" + appId, null, body, unsigned).status()).isEqualTo(401);

        String otherApp = createAppWithBranch("master", "another-secret-of-16+chars");
        assertThat(deliver("github", otherApp, "push-branch").status()).isEqualTo(401);
        assertThat(call("POST", "/hooks/github/dnosuchapp00000", null, body, Fixtures.headers("github", "push-branch"))
                .status()).isEqualTo(401);
        assertThat(jobCount(appId, "master")).isZero();
        assertThat(jobCount(otherApp, "master")).isZero();
    }

    @Test
    void oversizedDeliveryIs413() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        byte[] huge = new byte[6 * 1024 * 1024];
        Response response = call("POST", "/hooks/github/" + appId, null, huge, Fixtures.headers("github", "push-branch"));
        assertThat(response.status()).isEqualTo(413);
    }

    private void assertIgnored(String appId, String fixture, String reason) throws Exception {
        Response response = deliver("github", appId, fixture);
        assertThat(response.status()).as(fixture + ": " + response.body()).isEqualTo(200);
        assertThat(response.json().path("result").asString()).isEqualTo("IGNORED");
        assertThat(response.json().path("reason").asString()).contains(reason);
    }
}
