package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every webhook fixture of every git host, delivered over HTTP to an app that holds the fixture secret and has the
 * fixture's branch connected (with pull-request previews on, for pull/merge request fixtures): accepted (a job at the
 * pushed or pull-request head commit, on the branch or its pr-N preview) or ignored with the reason.
 */
class ProviderWebhookIntegrationTests extends ControlPlaneIntegrationTest {

    static final Map<String, String> SECRETS = Map.of("github", "It's a Secret to Everybody",
            "gitlab", "fixture-gitlab-token", "gitea", "fixture-gitea-secret", "bitbucket", "fixture-bitbucket-secret");

    @ParameterizedTest(name = "{0}/{1} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            github    | ping                          | master  | IGNORED | Ping received
            github    | push-branch                   | master  | QUEUED  | 199eddf46df50de8d02e99bf1c5fdb4101338224
            github    | push-branch-create            | master  | QUEUED  | 6113728f27ae82c7b1a177c8d03f9e96e0adf246
            github    | push-branch-delete            | master  | IGNORED | 'feature-branch' was deleted in git
            github    | push-tag                      | master  | IGNORED | Tag pushes (refs/tags/v0.0.1)
            github    | push-tag-delete               | master  | IGNORED | Tag pushes (refs/tags/simple-tag)
            github    | pull_request-opened           | master  | QUEUED  | ec26c3e57ca3a959ca5aad62de7213c562f8c821
            github    | pull_request-synchronize      | master  | QUEUED  | ec26c3e57ca3a959ca5aad62de7213c562f8c821
            github    | pull_request-reopened         | master  | QUEUED  | ec26c3e57ca3a959ca5aad62de7213c562f8c821
            github    | pull_request-closed-unmerged  | master  | IGNORED | #2 was closed; there is no preview branch 'pr-2'
            github    | pull_request-closed-merged    | main    | IGNORED | #117 was merged; there is no preview branch
            gitlab    | push                          | master  | QUEUED  | 2adc9465c4edfc33834e173fe89436a7cb899a1d
            gitlab    | push-branch-create            | feature | QUEUED  | c4c79227ed610f1151f05bbc5be33b4f340d39c8
            gitlab    | push-branch-delete            | feature | IGNORED | 'feature' was deleted in git
            gitlab    | tag_push-create               | master  | IGNORED | Tag pushes (refs/tags/v1.0.0)
            gitlab    | tag_push-delete               | master  | IGNORED | Tag pushes (refs/tags/v1.0.0)
            gitlab    | merge_request-open            | main    | QUEUED  | 2f7670508b771e7e77839402be8b34b13787aba8
            gitlab    | merge_request-reopen          | main    | QUEUED  | 36b5813240a9d2daa29b05046d56a53e18f39a3e
            gitlab    | merge_request-update-new-commits | main | QUEUED  | c136499ec574e1034b24c5d306de9acda3005367
            gitlab    | merge_request-update-title-only  | main | IGNORED | #3 was edited without new commits
            gitlab    | merge_request-merge           | main    | IGNORED | #4 was merged; there is no preview branch
            gitlab    | merge_request-close           | main    | IGNORED | #4 was closed; there is no preview branch
            gitea     | push                          | main    | QUEUED  | 29be01c073851cf0db0c6a466e396b725a670453
            gitea     | push-branch-create            | fdsafdsa | QUEUED | 28c3613ae62640216bea5e7dc71aa65356e4298b
            gitea     | push-legacy-gogs-style        | master  | QUEUED  | 4522cbcefc20728a5b72b3a86af35e608622c514
            gitea     | create-tag                    | main    | IGNORED | Tag pushes (refs/tags/v1.0.0)
            gitea     | delete-branch                 | main    | IGNORED | 'example3' was deleted in git
            gitea     | pull_request-opened           | master  | QUEUED  | 48e773f892a831faa47c0a160d1b7f0cd369ae2a
            gitea     | pull_request-synchronized     | main    | QUEUED  | 788ed8d02d3b7fcfcf6386dbcbca696aa1d4dc25
            gitea     | pull_request-reopened         | main    | QUEUED  | 36b5813240a9d2daa29b05046d56a53e18f39a3e
            gitea     | pull_request-edited-signed    | master  | IGNORED | #1 was edited without new commits
            gitea     | pull_request-closed           | main    | IGNORED | #1 was closed; there is no preview branch
            gitea     | pull_request-merged           | main    | IGNORED | #1 was merged; there is no preview branch
            bitbucket | repo-push                     | master  | QUEUED  | 141977fedf5cf35aa290ac87d4b5177ac4cd9de1
            bitbucket | repo-push-2                   | main    | QUEUED  | c14c1bb05dfb1fdcdf06b31485fff61b0ea44277
            bitbucket | repo-push-branch-create       | develop | QUEUED  | 141977fedf5cf35aa290ac87d4b5177ac4cd9de1
            bitbucket | repo-push-branch-delete       | develop | IGNORED | 'develop' was deleted in git
            bitbucket | repo-push-tag-create          | master  | IGNORED | Tag pushes (refs/tags/feature/x)
            bitbucket | repo-push-tag-delete          | master  | IGNORED | Tag pushes (refs/tags/feature/x)
            bitbucket | pullrequest-created           | master  | QUEUED  | 507a576e59b3
            bitbucket | pullrequest-updated           | master  | QUEUED  | 0704fc5beccc
            bitbucket | pullrequest-fulfilled         | master  | IGNORED | #1 was merged; there is no preview branch
            bitbucket | pullrequest-fulfilled-2       | main    | IGNORED | #1 was merged; there is no preview branch
            bitbucket | pullrequest-rejected          | master  | IGNORED | #2 was closed; there is no preview branch
            bitbucket | pullrequest-rejected-2        | main    | IGNORED | #2 was closed; there is no preview branch
            """)
    void everyFixtureIsAcceptedOrIgnoredWithItsReason(String provider, String fixture, String branch, String result,
            String expectation) throws Exception {
        String appId = createAppWithBranch(branch, secretFor(provider, fixture));
        boolean pullRequest = fixture.startsWith("pull") || fixture.startsWith("merge_request");
        if (pullRequest) {
            api("PATCH", "/api/v1/apps/" + appId + "/branches/" + branch, Map.of("enablePullRequestPreview", true));
        }
        Response response = deliver(provider, appId, fixture);
        assertThat(response.json().path("result").asString()).as(response.body()).isEqualTo(result);
        if (result.equals("QUEUED")) {
            assertThat(response.status()).isEqualTo(202);
            String built = response.json().path("branchName").asString();
            if (pullRequest) {
                assertThat(built).startsWith("pr-");
            } else {
                assertThat(built).isEqualTo(branch);
            }
            Response job = api("GET", "/api/v1/apps/" + appId + "/branches/" + built + "/jobs/"
                    + response.json().path("jobId").asString(), null);
            assertThat(job.json().path("job").path("summary").path("commitId").asString()).isEqualTo(expectation);
            assertThat(job.json().path("job").path("summary").path("jobType").asString()).isEqualTo("WEB_HOOK");
        } else {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("reason").asString()).contains(expectation);
            assertThat(jobCount(appId, branch)).isZero();
        }
        assertThat(deliver(provider, appId, fixture).json().path("result").asString()).isEqualTo("DUPLICATE");
    }

    /** Issue 16 L1: the signature covers the body, not the id header, so the body decides what is a replay. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"github,push-branch,master", "gitlab,push,master", "gitea,push,main", "bitbucket,repo-push,master"})
    void theSameBodyUnderANewDeliveryIdIsADuplicateForEveryProvider(String provider, String fixture, String branch)
            throws Exception {
        String appId = createAppWithBranch(branch, secretFor(provider, fixture));
        assertThat(deliver(provider, appId, fixture).json().path("result").asString()).isEqualTo("QUEUED");
        Map<String, String> headers = new HashMap<>(Fixtures.headers(provider, fixture));
        for (String id : new String[] {"X-GitHub-Delivery", "Idempotency-Key", "X-Gitlab-Event-UUID",
                "X-Gitea-Delivery", "X-Forgejo-Delivery", "X-Gogs-Delivery", "X-Request-UUID"}) {
            headers.computeIfPresent(id, (name, old) -> UUID.randomUUID().toString());
        }
        Response replay = call("POST", "/hooks/" + provider + "/" + appId, null, Fixtures.body(provider, fixture),
                headers);
        assertThat(replay.json().path("result").asString()).as(replay.body()).isEqualTo("DUPLICATE");
        assertThat(replay.json().path("reason").asString()).contains("a replay");
        assertThat(jobCount(appId, branch)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"github,push-branch", "gitlab,push", "gitea,push", "bitbucket,repo-push"})
    void wrongSecretIs401ForEveryProvider(String provider, String fixture) throws Exception {
        String appId = createAppWithBranch("master", "a-different-secret-for-" + provider);
        Response response = deliver(provider, appId, fixture);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("nothing was queued");
    }

    @Test
    void skipMarkersInTheHeadCommitMessageSkipTheBuildVisibly() throws Exception {
        String appId = createAppWithBranch("master", SECRETS.get("github"));
        for (String marker : new String[] {"[skip-cd]", "[skip ci]", "[CI SKIP]"}) {
            byte[] body = new String(Fixtures.body("github", "push-branch"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"message\": \"Update README\"", "\"message\": \"Update README " + marker + "\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(Fixtures.headers("github", "push-branch"));
            headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
            headers.remove("X-Hub-Signature");
            headers.put("X-Hub-Signature-256", "sha256=" + dev.slipway.controlplane.webhook.WebhookSignatures.hex(
                    dev.slipway.controlplane.webhook.WebhookSignatures.hmacSha256(SECRETS.get("github"), body)));
            Response response = call("POST", "/hooks/github/" + appId, null, body, headers);
            assertThat(response.json().path("result").asString()).as(response.body()).isEqualTo("IGNORED");
            assertThat(response.json().path("reason").asString()).contains("says " + marker.toLowerCase());
        }
        assertThat(jobCount(appId, "master")).isZero();
    }

    @Test
    void unknownProviderIs404() throws Exception {
        String appId = createAppWithBranch("master", SECRETS.get("github"));
        Response response = call("POST", "/hooks/svn/" + appId, null, Fixtures.body("github", "push-branch"),
                Fixtures.headers("github", "push-branch"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("bitbucket, gitea, github, gitlab");
    }

    static String secretFor(String provider, String fixture) {
        return fixture.equals("pull_request-edited-signed") ? "71295b197fa25f4356d2fb9965df3f2379d903d7"
                : SECRETS.get(provider);
    }
}
