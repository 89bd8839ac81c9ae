package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.auth.BasicAuthHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** customRules and basic auth through the API, stored in PostgreSQL, published in the edge route snapshot. */
class ServingSettingsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final Map<String, String> SPA = Map.of("source", "/<*>", "target", "/index.html",
            "status", "404-200");

    @Autowired
    JdbcClient jdbc;

    @Test
    void customRulesAreReplacedWholeAndReachTheSnapshotWithoutABuild() throws Exception {
        String appId = createAppWithBranch("main", null);
        long before = routes(0).path("version").asLong();
        Map<String, String> redirect = Map.of("source", "/old", "target", "/new", "status", "301");
        Response patched = api("PATCH", "/api/v1/apps/" + appId, Map.of("customRules", List.of(redirect, SPA)));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode rules = api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customRules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(1).path("status").asString()).isEqualTo("404-200");

        JsonNode snapshot = routes(before);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(before);
        JsonNode app = appRoute(snapshot, appId);
        assertThat(app.path("customRules").get(0).path("target").asString()).isEqualTo("/new");

        api("PATCH", "/api/v1/apps/" + appId, Map.of("customRules", List.of(SPA)));
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customRules")).hasSize(1);
    }

    @Test
    void aBadRuleIs400NamingItsIndexAndChangesNothing() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PATCH", "/api/v1/apps/" + appId, Map.of("customRules", List.of(SPA)));
        Response bad = api("PATCH", "/api/v1/apps/" + appId, Map.of("customRules", List.of(SPA,
                Map.of("source", "/a", "target", "/b", "status", "307"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.json().path("detail").asString()).startsWith("customRules[1]: status '307'");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customRules")).hasSize(1);
    }

    @Test
    void basicAuthIsStoredHashedAndTheBranchWinsOverTheApp() throws Exception {
        String appId = createAppWithBranch("main", null);
        String deploymentId = deploy(appId, "main");
        Response app = api("PATCH", "/api/v1/apps/" + appId, Map.of("enableBasicAuth", true,
                "basicAuthCredentials", b64("team:app-password")));
        assertThat(app.json().path("app").path("enableBasicAuth").asBoolean()).isTrue();
        assertThat(app.body()).doesNotContain("app-password", b64("team:app-password"));
        String stored = jdbc.sql("SELECT basic_auth_hash FROM apps WHERE app_id = ?").param(appId)
                .query(String.class).single();
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain("app-password");

        JsonNode site = site(routes(0), "main." + appId + ".localhost");
        assertThat(BasicAuthHash.matches(site.path("basicAuth").asString(), "Basic " + b64("team:app-password")))
                .isTrue();
        JsonNode immutable = site(routes(0), deploymentId + "." + appId + ".localhost");
        assertThat(immutable.path("deploymentId").asString()).isEqualTo(deploymentId);
        assertThat(immutable.path("basicAuth").asString()).isEqualTo(site.path("basicAuth").asString());

        Response branch = api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableBasicAuth", true,
                "basicAuthCredentials", b64("qa:branch-password")));
        assertThat(branch.json().path("branch").path("enableBasicAuth").asBoolean()).isTrue();
        String branchAuth = site(routes(0), "main." + appId + ".localhost").path("basicAuth").asString();
        assertThat(BasicAuthHash.matches(branchAuth, "Basic " + b64("qa:branch-password"))).isTrue();
        assertThat(BasicAuthHash.matches(branchAuth, "Basic " + b64("team:app-password"))).isFalse();

        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableBasicAuth", false));
        api("PATCH", "/api/v1/apps/" + appId, Map.of("enableBasicAuth", false));
        assertThat(site(routes(0), "main." + appId + ".localhost").path("basicAuth").isNull()).isTrue();
    }

    @Test
    void enablingWithoutCredentialsOrWithBadOnesIs400() throws Exception {
        String appId = createAppWithBranch("main", null);
        assertThat(api("PATCH", "/api/v1/apps/" + appId, Map.of("enableBasicAuth", true)).json().path("detail")
                .asString()).contains("basicAuthCredentials");
        assertThat(api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableBasicAuth", true,
                "basicAuthCredentials", b64("no-colon"))).status()).isEqualTo(400);
    }
}
