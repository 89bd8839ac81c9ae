package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Branch auto-detection and auto-deletion, driven by the GitLab branch create/delete fixtures (branch 'feature'). */
class AutoBranchingIntegrationTests extends ControlPlaneIntegrationTest {

    @Test
    void matchingPushConnectsTheBranchWithTheConfigAndItsDeletionRemovesIt() throws Exception {
        String appId = createAppWithBranch("main", "fixture-gitlab-token");
        Response patched = api("PATCH", "/api/v1/apps/" + appId, Map.of("enableAutoBranchCreation", true,
                "autoBranchCreationPatterns", List.of("feature/*"), "autoBranchCreationConfig",
                Map.of("stage", "DEVELOPMENT", "environmentVariables", Map.of("TIER", "dev"),
                        "enablePullRequestPreview", true)));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("app").path("autoBranchCreationPatterns").get(0).asString())
                .isEqualTo("feature/*");

        Response unmatched = deliver("gitlab", appId, "push-branch-create");
        assertThat(unmatched.json().path("reason").asString()).contains("matches none of autoBranchCreationPatterns");

        api("PATCH", "/api/v1/apps/" + appId, Map.of("autoBranchCreationPatterns", List.of("feat*")));
        Response created = call("POST", "/hooks/gitlab/" + appId, null, Fixtures.body("gitlab", "push-branch-create"),
                withDelivery("gitlab", "push-branch-create", "second-try"));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        JsonNode branch = api("GET", "/api/v1/apps/" + appId + "/branches/feature", null).json().path("branch");
        assertThat(branch.path("stage").asString()).isEqualTo("DEVELOPMENT");
        assertThat(branch.path("environmentVariables").path("TIER").asString()).isEqualTo("dev");
        assertThat(branch.path("enablePullRequestPreview").asBoolean()).isTrue();

        Response kept = deliver("gitlab", appId, "push-branch-delete");
        assertThat(kept.json().path("reason").asString()).contains("turn on enableBranchAutoDeletion");
        api("PATCH", "/api/v1/apps/" + appId, Map.of("enableBranchAutoDeletion", true));
        Response removed = call("POST", "/hooks/gitlab/" + appId, null, Fixtures.body("gitlab", "push-branch-delete"),
                withDelivery("gitlab", "push-branch-delete", "second-try"));
        assertThat(removed.json().path("result").asString()).as(removed.body()).isEqualTo("REMOVED");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/feature", null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("enableAutoBranchCreation")
                .asBoolean()).isTrue();
    }

    private static Map<String, String> withDelivery(String provider, String fixture, String id) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Fixtures.headers(provider, fixture));
        headers.put("X-Gitlab-Event-UUID", id + "-" + fixture);
        return headers;
    }
}
