package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.headers.HeaderRule;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.slipway.controlplane.identity.UserAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The console's settings forms change what the API reads back (same services): environment variables per app and
 * per branch, write-only secrets that never come back in the HTML, rules with inline errors and a tester that answers
 * as the edge would; the app page lists webhook deliveries and the branch page charts build durations.
 */
class ConsoleSettingsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String PASSWORD = "settings-admin-password";

    @Autowired
    UserAccounts users;

    private ConsoleClient admin;
    private String appId;

    @BeforeEach
    void anAdminAndAnApp() throws Exception {
        String name = "settings-admin-" + System.nanoTime();
        users.create(name, null, PASSWORD, "ADMIN");
        admin = ConsoleClient.signedIn(port, name, PASSWORD);
        appId = createAppWithBranch("main", "a-webhook-secret-long-enough");
    }

    @Test
    void environmentVariablesOfTheAppAndOverridesOfABranch() throws Exception {
        HttpResponse<String> saved = admin.post("/apps/" + appId + "/settings/environment",
                Map.of("variables", "API_URL=https://api.example.test/?a=b\n# comment\n\nMODE=production"));
        assertThat(admin.follow(saved).body()).contains("id=\"saved\"");
        JsonNode env = api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("environmentVariables");
        assertThat(env.path("API_URL").asString()).isEqualTo("https://api.example.test/?a=b");
        assertThat(env.path("MODE").asString()).isEqualTo("production");

        admin.follow(admin.post("/apps/" + appId + "/branches/main/settings/environment",
                Map.of("variables", "MODE=staging")));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main", null).json().path("branch")
                .path("environmentVariables").path("MODE").asString()).isEqualTo("staging");

        HttpResponse<String> refused = admin.follow(admin.post("/apps/" + appId + "/settings/environment",
                Map.of("variables", "MODE=x\njust words")));
        assertThat(refused.body()).contains("id=\"env-error\"").contains("Line 2 is not NAME=value")
                .contains("just words");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("environmentVariables")
                .path("MODE").asString()).as("unchanged by the refused form").isEqualTo("production");
    }

    @Test
    void secretsAreWriteOnlyAndNeverInThePage() throws Exception {
        String value = "hunter2-" + System.nanoTime();
        HttpResponse<String> page = admin.follow(admin.post("/apps/" + appId + "/settings/secrets",
                Map.of("name", "NPM_TOKEN", "value", value)));
        assertThat(page.body()).contains("NPM_TOKEN").doesNotContain(value);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/secrets", null).body()).contains("NPM_TOKEN");

        admin.follow(admin.post("/apps/" + appId + "/branches/main/settings/secrets",
                Map.of("name", "BRANCH_KEY", "value", value)));
        assertThat(admin.get("/apps/" + appId + "/branches/main/settings").body()).contains("BRANCH_KEY")
                .doesNotContain(value);

        admin.follow(admin.post("/apps/" + appId + "/settings/secrets/NPM_TOKEN/delete", Map.of()));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/secrets", null).body()).doesNotContain("NPM_TOKEN");
    }

    @Test
    void rulesAreSavedCheckedAndTestedLikeTheEdgeWould() throws Exception {
        String rules = """
                [{"source": "/docs/<*>", "target": "/guide/<*>", "status": "301"},
                 {"source": "/<*>", "target": "/index.html", "status": "404-200"}]""";
        admin.follow(admin.post("/apps/" + appId + "/settings/rules", Map.of("rules", rules)));
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customRules")).hasSize(2);

        String tested = admin.get("/apps/" + appId + "/settings?test=/docs/intro").body();
        assertThat(tested).contains("id=\"verdict\"").contains("rule 1").contains("301").contains("/guide/intro");
        String fallback = admin.get("/apps/" + appId + "/settings?test=/pricing").body();
        assertThat(fallback).contains("rule 2").contains("Only when the deployment has no file");

        HttpResponse<String> refused = admin.follow(admin.post("/apps/" + appId + "/settings/rules",
                Map.of("rules", "[{\"source\": \"/a\", ")));
        assertThat(refused.body()).contains("id=\"rules-error\"").contains("not a JSON list");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customRules")).hasSize(2);
    }

    @Test
    void theAppPageListsDeliveriesAndTheBranchPageChartsBuildDurationsAndLinksDeployments() throws Exception {
        deliver("github", appId, "push-branch");
        assertThat(admin.get("/apps/" + appId).body()).contains("id=\"deliveries\"").contains("REJECTED");

        String deploymentId = deploy(appId, "main");
        String branch = admin.get("/apps/" + appId + "/branches/main").body();
        assertThat(branch).contains("id=\"duration-chart\"").contains("class=\"bar-succeed\"")
                .contains("Success rate 100% of 1 finished builds")
                .contains("href=\"http://" + deploymentId + "." + appId + ".");
    }

    @Test
    void anIncomingWebhookMadeInTheConsoleStartsABuildAndItsTokenIsShownOnce() throws Exception {
        HttpResponse<String> page = admin.follow(admin.post("/apps/" + appId + "/incoming-webhooks",
                Map.of("branchName", "main", "description", "CMS")));
        Matcher url = Pattern.compile("id=\"incoming-url\">[^<]*(/webhooks\\?id=[^<&]+&amp;token=[^<]+)<")
                .matcher(page.body());
        assertThat(url.find()).as("the URL with its token").isTrue();
        String path = url.group(1).replace("&amp;", "&");
        assertThat(call("POST", path, null, "{}", Map.of()).status()).isEqualTo(202);
        String token = path.substring(path.indexOf("token=") + 6);
        assertThat(admin.get("/apps/" + appId).body()).contains("CMS").doesNotContain(token);
        assertThat(jobCount(appId, "main")).isEqualTo(1);
    }

    @Test
    void buildSpecSwitchesAndBasicAuthAreSavedOrRefusedWithTheReason() throws Exception {
        HttpResponse<String> badSpec = admin.follow(admin.post("/apps/" + appId + "/settings/build-spec",
                Map.of("buildSpec", "version: 1\nfrontend: [not, a, map]")));
        assertThat(badSpec.body()).contains("id=\"spec-error\"").contains("frontend: [not, a, map]");
        String spec = "version: 1\nfrontend:\n  phases:\n    build:\n      commands:\n        - echo hi\n"
                + "  artifacts:\n    baseDirectory: /\n    files:\n      - '**/*'\n";
        admin.follow(admin.post("/apps/" + appId + "/settings/build-spec", Map.of("buildSpec", spec)));
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("buildSpec").asString())
                .contains("echo hi");

        admin.follow(admin.post("/apps/" + appId + "/branches/main/settings/switches",
                Map.of("enablePullRequestPreview", "true")));
        JsonNode branch = api("GET", "/api/v1/apps/" + appId + "/branches/main", null).json().path("branch");
        assertThat(branch.path("enableAutoBuild").asBoolean()).isFalse();
        assertThat(branch.path("enablePullRequestPreview").asBoolean()).isTrue();

        HttpResponse<String> noPassword = admin.follow(admin.post("/apps/" + appId + "/settings/access",
                Map.of("enableBasicAuth", "true")));
        assertThat(noPassword.body()).contains("id=\"access-error\"").contains("basicAuthCredentials");
        admin.follow(admin.post("/apps/" + appId + "/settings/access",
                Map.of("enableBasicAuth", "true", "username", "team", "password", "let-me-in")));
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("enableBasicAuth").asBoolean())
                .isTrue();
    }

    @Test
    void clearCacheAndBuildStartsABuildAndDeletingABranchOrAnAppNeedsItsName() throws Exception {
        HttpResponse<String> started = admin.post("/apps/" + appId + "/branches/main/jobs", Map.of("clearCache", "true"));
        assertThat(started.headers().firstValue("Location").orElse("")).contains("/branches/main/jobs/1");

        HttpResponse<String> wrong = admin.follow(admin.post("/apps/" + appId + "/settings/delete",
                Map.of("confirmName", "not-it")));
        assertThat(wrong.body()).contains("id=\"delete-error\"");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).status()).isEqualTo(200);
        HttpResponse<String> disconnected = admin.post("/apps/" + appId + "/branches/main/settings/delete",
                Map.of("confirmName", "main"));
        assertThat(disconnected.headers().firstValue("Location").orElse("")).endsWith("/apps/" + appId);
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main", null).status()).isEqualTo(404);
        HttpResponse<String> deleted = admin.post("/apps/" + appId + "/settings/delete", Map.of("confirmName", "test"));
        assertThat(deleted.headers().firstValue("Location").orElse("")).endsWith("/apps");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).status()).isEqualTo(404);
    }

    @Test
    void branchAutoDetectionPatternsOnePerLine() throws Exception {
        admin.follow(admin.post("/apps/" + appId + "/settings/auto-branching", Map.of("enableAutoBranchCreation", "true",
                "patterns", "feature/*\n\n  release/**  \n", "enableBranchAutoDeletion", "true")));
        JsonNode app = api("GET", "/api/v1/apps/" + appId, null).json().path("app");
        assertThat(app.path("enableAutoBranchCreation").asBoolean()).isTrue();
        assertThat(app.path("enableBranchAutoDeletion").asBoolean()).isTrue();
        assertThat(app.path("autoBranchCreationPatterns").toString()).isEqualTo("[\"feature/*\",\"release/**\"]");
        assertThat(admin.get("/apps/" + appId + "/settings").body()).contains("feature/*\nrelease/**");
    }

    @Test
    void theBranchSettingsShowTheCustomHeadersTheLiveDeploymentServes() throws Exception {
        assertThat(admin.get("/apps/" + appId + "/branches/main/settings").body())
                .contains("The live deployment has no customHttp.yml headers");
        deploy(appId, "main", storeManifest(new CustomHeaders(List.of(new HeaderRule("**/*",
                List.of(new Header("X-Frame-Options", "DENY")))))));
        assertThat(admin.get("/apps/" + appId + "/branches/main/settings").body()).contains("id=\"header-rules\"")
                .contains("**/*").contains("X-Frame-Options: DENY");
    }
}
