package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import dev.slipway.protocol.runner.StepReport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Commit statuses and the pull request comment reach each git host's real REST API shape (checked by a recording
 * HTTP server), are retried with backoff when the host fails, and are given up on answers a retry cannot change.
 */
class GitHostStatusIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String GITHUB_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static final String GITLAB_SHA = "2f7670508b771e7e77839402be8b34b13787aba8";
    private static final String GITEA_SHA = "48e773f892a831faa47c0a160d1b7f0cd369ae2a";

    private RecordingGitHost host;

    @BeforeEach
    void startHost() throws Exception {
        host = new RecordingGitHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @Test
    void githubGetsStatusesAndOneCommentEditedInPlace() throws Exception {
        String appId = previewApp("master", "It's a Secret to Everybody");
        Response connected = connect(appId, "github", "ghp_fixtureToken1234", host.url("/api/v3"));
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.body()).doesNotContain("ghp_fixture");
        JsonNode view = api("GET", "/api/v1/apps/" + appId + "/git-host", null).json().path("gitHost");
        assertThat(view.path("provider").asString()).isEqualTo("github");
        assertThat(view.path("repository").asString()).isEqualTo("team/site");
        assertThat(view.path("token").asString()).isEqualTo("****1234");

        assertThat(deliver("github", appId, "pull_request-opened").status()).isEqualTo(202);
        String statuses = "/api/v3/repos/team/site/statuses/" + GITHUB_SHA;
        RecordingGitHost.Request queued = host.await("a pending status", r -> r.path().equals(statuses)
                && r.json().path("description").asString().startsWith("Queued"));
        assertThat(queued.method()).isEqualTo("POST");
        assertThat(queued.header("Authorization")).isEqualTo("Bearer ghp_fixtureToken1234");
        assertThat(queued.header("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(queued.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(queued.header("Content-Type")).isEqualTo("application/json");
        assertThat(queued.header("User-Agent")).isNotBlank();
        assertThat(queued.json().path("state").asString()).isEqualTo("pending");
        assertThat(queued.json().path("context").asString()).isEqualTo("slipway/" + appId + "/pr-2");
        assertThat(queued.json().path("target_url").asString()).endsWith("/apps/" + appId + "/branches/pr-2/jobs/1");
        RecordingGitHost.Request created = host.await("the preview comment",
                r -> r.path().equals("/api/v3/repos/team/site/issues/2/comments"));
        assertThat(created.method()).isEqualTo("POST");
        assertThat(created.header("Authorization")).isEqualTo("Bearer ghp_fixtureToken1234");
        assertThat(created.json().path("body").asString()).contains("pull request #2", "Queued",
                "http://pr-2." + appId + ".localhost:");

        JsonNode lease = leaseFor(appId);
        long jobId = lease.path("jobId").asLong();
        runner("POST", "/runner/v1/jobs/" + jobId + "/steps", lease.path("leaseId").asString(),
                new StepReport("BUILD", "RUNNING", null, null, null));
        host.await("a building status", r -> r.path().equals(statuses)
                && r.json().path("description").asString().startsWith("Building"));
        runner("POST", "/runner/v1/jobs/" + jobId + "/complete", lease.path("leaseId").asString(),
                new JobCompletion("SUCCEED", null, new DeploymentUpload(storeManifest(), 1, 5)));
        RecordingGitHost.Request success = host.await("a success status",
                r -> r.path().equals(statuses) && r.json().path("state").asString().equals("success"));
        assertThat(success.json().path("target_url").asString()).startsWith("http://pr-2." + appId + ".localhost:");
        assertThat(success.json().path("description").asString()).startsWith("Deployed to http://pr-2.");
        RecordingGitHost.Request edited = host.await("the comment edited to deployed",
                r -> r.method().equals("PATCH") && r.json().path("body").asString().contains("Deployed"));
        assertThat(edited.path()).isEqualTo("/api/v3/repos/team/site/issues/comments/" + created.answeredId());
        assertThat(host.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().endsWith("/comments"))).as("one comment, edited in place").hasSize(1);
    }

    @Test
    void gitlabGetsCommitStatusesAndAMergeRequestNote() throws Exception {
        String appId = previewApp("main", "fixture-gitlab-token");
        connect(appId, "gitlab", "glpat-fixture-5678", host.url("/api/v4"));
        deliver("gitlab", appId, "merge_request-open");
        String project = "/api/v4/projects/team%2Fsite";
        RecordingGitHost.Request pending = host.await("a pending status",
                r -> r.path().equals(project + "/statuses/" + GITLAB_SHA));
        assertThat(pending.method()).isEqualTo("POST");
        assertThat(pending.header("PRIVATE-TOKEN")).isEqualTo("glpat-fixture-5678");
        assertThat(pending.header("Authorization")).isNull();
        assertThat(pending.json().path("state").asString()).isEqualTo("pending");
        assertThat(pending.json().path("name").asString()).isEqualTo("slipway/" + appId + "/pr-3");
        assertThat(pending.json().path("target_url").asString()).endsWith("/branches/pr-3/jobs/1");
        RecordingGitHost.Request note = host.await("the merge request note",
                r -> r.path().equals(project + "/merge_requests/3/notes"));
        assertThat(note.method()).isEqualTo("POST");

        JsonNode lease = leaseFor(appId);
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete",
                lease.path("leaseId").asString(), new JobCompletion("FAILED", "npm run build exited with 1", null));
        RecordingGitHost.Request failed = host.await("a failed status", r -> r.path().endsWith(GITLAB_SHA)
                && r.json().path("state").asString().equals("failed"));
        assertThat(failed.json().path("description").asString()).isEqualTo("Build failed: npm run build exited with 1");
        RecordingGitHost.Request edited = host.await("the note edited", r -> r.method().equals("PUT"));
        assertThat(edited.path()).isEqualTo(project + "/merge_requests/3/notes/" + note.answeredId());
        assertThat(edited.json().path("body").asString()).contains("Build failed");
    }

    @Test
    void giteaAndBitbucketGetTheirOwnShapes() throws Exception {
        String gitea = previewApp("master", "fixture-gitea-secret");
        connect(gitea, "gitea", "gitea-token-abcd", host.url("/api/v1"));
        deliver("gitea", gitea, "pull_request-opened");
        RecordingGitHost.Request status = host.await("a Gitea status",
                r -> r.path().equals("/api/v1/repos/team/site/statuses/" + GITEA_SHA));
        assertThat(status.header("Authorization")).isEqualTo("token gitea-token-abcd");
        assertThat(status.json().path("state").asString()).isEqualTo("pending");
        host.await("a Gitea comment", r -> r.path().equals("/api/v1/repos/team/site/issues/2/comments"));
        api("POST", "/api/v1/apps/" + gitea + "/branches/pr-2/jobs/1/stop", null);
        host.await("an error status for the stopped build", r -> r.path().endsWith(GITEA_SHA)
                && r.json().path("state").asString().equals("error"));

        String bitbucket = previewApp("master", "fixture-bitbucket-secret");
        connect(bitbucket, "bitbucket", "bb-access-token-wxyz", host.url("/2.0"));
        deliver("bitbucket", bitbucket, "pullrequest-created");
        RecordingGitHost.Request build = host.await("a Bitbucket build status",
                r -> r.path().equals("/2.0/repositories/team/site/commit/507a576e59b3/statuses/build"));
        assertThat(build.method()).isEqualTo("POST");
        assertThat(build.header("Authorization")).isEqualTo("Bearer bb-access-token-wxyz");
        assertThat(build.json().path("state").asString()).isEqualTo("INPROGRESS");
        assertThat(build.json().path("key").asString()).hasSizeLessThanOrEqualTo(40);
        assertThat(build.json().path("url").asString()).endsWith("/branches/pr-1/jobs/1");
        RecordingGitHost.Request comment = host.await("a Bitbucket comment",
                r -> r.path().equals("/2.0/repositories/team/site/pullrequests/1/comments"));
        assertThat(comment.json().path("content").path("raw").asString()).contains("pull request #1");
    }

    @Test
    void aFailingHostIsRetriedWithBackoffUntilItAnswers() throws Exception {
        String appId = createAppWithBranch("master", "It's a Secret to Everybody");
        connect(appId, "github", "ghp_retry0000", host.url(""));
        host.failNext(2, 503);
        assertThat(deliver("github", appId, "push-branch").status()).isEqualTo(202);
        host.await("the third attempt", r -> host.requests().size() >= 3);
        JsonNode call = awaitCall(appId, "SENT");
        assertThat(call.path("attempts").asInt()).isEqualTo(3);
        assertThat(host.requests()).hasSize(3).allSatisfy(r -> assertThat(r.path())
                .isEqualTo("/repos/team/site/statuses/199eddf46df50de8d02e99bf1c5fdb4101338224"));
    }

    @Test
    void aRefusedCallIsGivenUpWithTheHostsAnswer() throws Exception {
        String appId = createAppWithBranch("master", "It's a Secret to Everybody");
        connect(appId, "github", "ghp_revoked000", host.url(""));
        host.failNext(1, 401);
        deliver("github", appId, "push-branch");
        JsonNode call = awaitCall(appId, "FAILED");
        assertThat(call.path("attempts").asInt()).isEqualTo(1);
        assertThat(call.path("lastError").asString()).contains("answered 401").doesNotContain("ghp_revoked");
    }

    @Test
    void aDeadHostNeverBlocksTheBuildAndTheCallWaitsInTheOutbox() throws Exception {
        String appId = createAppWithBranch("master", "It's a Secret to Everybody");
        String deadUrl = host.url("");
        host.close();
        connect(appId, "github", "ghp_deadhost00", deadUrl);
        Response delivered = deliver("github", appId, "push-branch");
        assertThat(delivered.status()).isEqualTo(202);
        JsonNode calls = api("GET", "/api/v1/apps/" + appId + "/git-host/calls", null).json().path("calls");
        assertThat(calls.size()).as("persisted with the job, before the answer").isEqualTo(1);
        assertThat(calls.get(0).path("state").asString()).isEqualTo("PENDING");
        assertThat(leaseFor(appId).path("commitId").asString()).isEqualTo("199eddf46df50de8d02e99bf1c5fdb4101338224");
    }

    @Test
    void connectionsAreValidatedAndTheTokenIsWriteOnly() throws Exception {
        String appId = createAppWithBranch("main", null);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/git-host", null).status()).isEqualTo(404);
        assertThat(connect(appId, "sourcehut", "t0ken", null).json().path("detail").asString())
                .contains("'provider' must be one of [github, gitlab, gitea, bitbucket]");
        assertThat(connect(appId, "github", null, null).status()).isEqualTo(400);
        assertThat(connect(appId, "github", "a token", null).status()).isEqualTo(400);
        assertThat(connect(appId, "gitlab", "t0ken", "ftp://gitlab.example/api/v4").json().path("detail").asString())
                .contains("'apiUrl' must be an http(s) URL");
        JsonNode defaults = connect(appId, "gitlab", "t0ken-9876", null).json().path("gitHost");
        assertThat(defaults.path("apiUrl").asString()).isEqualTo("https://git.example.test/api/v4");
        assertThat(defaults.path("token").asString()).isEqualTo("****9876");
        assertThat(api("DELETE", "/api/v1/apps/" + appId + "/git-host", null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/git-host", null).status()).isEqualTo(404);
    }

    private String previewApp(String base, String secret) throws Exception {
        String appId = createAppWithBranch(base, secret);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/" + base, Map.of("enablePullRequestPreview", true));
        return appId;
    }

    private Response connect(String appId, String provider, String token, String apiUrl) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("token", token);
        if (apiUrl != null) {
            body.put("apiUrl", apiUrl);
        }
        return api("PUT", "/api/v1/apps/" + appId + "/git-host", body);
    }

    private JsonNode awaitCall(String appId, String state) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode calls = api("GET", "/api/v1/apps/" + appId + "/git-host/calls", null).json().path("calls");
            if (calls.size() > 0 && calls.get(0).path("state").asString().equals(state)) {
                return calls.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + state + " call for app " + appId);
    }
}
