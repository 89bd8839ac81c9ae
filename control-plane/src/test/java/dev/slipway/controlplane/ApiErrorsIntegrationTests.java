package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem+json and changes nothing. */
class ApiErrorsIntegrationTests extends ControlPlaneIntegrationTest {

    @Test
    void malformedJsonIs400Problem() throws Exception {
        Response response = api("POST", "/api/v1/apps", "{\"name\":");
        assertProblem(response, 400, "not valid JSON");
    }

    @Test
    void oversizedBodyIs413Problem() throws Exception {
        Response response = api("POST", "/api/v1/apps", Map.of("name", "x".repeat(100_000), "repository", "https://x.test/r"));
        assertProblem(response, 413, "larger than the limit");
    }

    @Test
    void localRepositoriesNeedTheOperatorsConsent() throws Exception {
        assertProblem(api("POST", "/api/v1/apps", Map.of("name", "a", "repository", "file:///etc")), 400,
                "SLIPWAY_ALLOW_FILE_REPOS");
        assertProblem(api("POST", "/api/v1/apps", Map.of("name", "a", "repository", "not a url")), 400, "not a git URL");
    }

    @Test
    void reservedAndInvalidVariablesAreRefused() throws Exception {
        assertProblem(api("POST", "/api/v1/apps", Map.of("name", "a", "repository", "https://x.test/r",
                "environmentVariables", Map.of("AWS_SECRET", "x"))), 400, "reserved prefix AWS");
    }

    @Test
    void malformedBuildSpecNamesTheLine() throws Exception {
        Response response = api("POST", "/api/v1/apps", Map.of("name", "a", "repository", "https://x.test/r",
                "buildSpec", "version: 1\nfrontend:\n  phases:\n    build: [unclosed\n"));
        assertProblem(response, 400, "buildSpec line");
    }

    @Test
    void unknownThingsAre404WithTheirName() throws Exception {
        assertProblem(api("GET", "/api/v1/apps/dnosuchapp", null), 404, "dnosuchapp");
        String appId = createAppWithBranch("main", null);
        assertProblem(api("GET", "/api/v1/apps/" + appId + "/branches/nope", null), 404, "nope");
        assertProblem(api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/99", null), 404, "99");
        assertProblem(api("POST", "/api/v1/apps/" + appId + "/branches/main/deployments/vnone/activate", null), 404,
                "vnone");
    }

    @Test
    void branchNamesWithSlashesWorkAndClashingUrlPrefixesAreRefused() throws Exception {
        String appId = createAppWithBranch("main", null);
        assertThat(api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "feature/login")).status())
                .isEqualTo(201);
        Response branch = api("GET", "/api/v1/apps/" + appId + "/branches/feature%2Flogin", null);
        assertThat(branch.json().path("branch").path("displayName").asString()).isEqualTo("feature-login");
        assertProblem(api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "feature-login")), 409,
                "same URL prefix");
        assertProblem(api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "bad..name")), 400,
                "valid git branch name");
    }

    private static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
