package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.protocol.protection.ProtectionTokens;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Protected deployments on the control plane: {@code accessControl} on apps and branches (validated, mapped onto
 * basic auth, resolved per host in the route snapshot), bypass tokens (admins only, shown once, hashes to edges) and
 * {@code /protection/authorize} (members get a token signed for the host; others a 403; no open redirect).
 */
class ProtectedDeploymentsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String PASSWORD = "protection-password";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    /** An app with a deployed production branch {@code main} and a deployed branch {@code dev}. */
    private String deployedApp() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "dev"));
        assertThat(api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("stage", "PRODUCTION")).status())
                .isEqualTo(200);
        deploy(appId, "main");
        deploy(appId, "dev");
        return appId;
    }

    private static JsonNode siteOf(JsonNode snapshot, String appId, String branch, boolean immutable) {
        for (JsonNode site : snapshot.path("sites")) {
            boolean isImmutable = site.path("host").asString().startsWith(site.path("deploymentId").asString());
            if (site.path("appId").asString().equals(appId) && site.path("branchName").asString().equals(branch)
                    && isImmutable == immutable) {
                return site;
            }
        }
        throw new AssertionError("no site of " + appId + "/" + branch + " in " + snapshot);
    }

    @Test
    void teamWithThePreviewsScopeProtectsAllButTheProductionUrlAndBranchesOverride() throws Exception {
        String appId = deployedApp();
        String path = "/api/v1/apps/" + appId;
        Response patched = api("PATCH", path,
                Map.of("accessControl", Map.of("mode", "team", "scope", "PREVIEWS_AND_IMMUTABLE")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode app = api("GET", path, null).json().path("app");
        assertThat(app.path("accessControl").path("mode").asString()).isEqualTo("TEAM");
        assertThat(app.path("accessControl").path("scope").asString()).isEqualTo("PREVIEWS_AND_IMMUTABLE");
        assertThat(app.path("enableBasicAuth").asBoolean()).isFalse();

        JsonNode snapshot = routes(0);
        assertThat(siteOf(snapshot, appId, "main", false).has("protection")).as("production URL public").isFalse();
        assertThat(siteOf(snapshot, appId, "main", true).path("protection").asString()).isEqualTo("TEAM");
        assertThat(siteOf(snapshot, appId, "dev", false).path("protection").asString()).isEqualTo("TEAM");
        JsonNode protection = snapshot.path("protection");
        assertThat(protection.path("authorizeUrl").asString()).endsWith("/protection/authorize");
        assertThat(ProtectionTokens.publicKey(protection.path("publicKey").asString()).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
        assertThat(protection.path("cookieMaxAgeSeconds").asLong()).isEqualTo(12 * 3600);

        // the branch's own setting wins: dev public, then basic auth of its own
        assertThat(api("PATCH", path + "/branches/dev", Map.of("accessControl", Map.of("mode", "NONE"))).status())
                .isEqualTo(200);
        assertThat(siteOf(routes(0), appId, "dev", false).has("protection")).isFalse();
        Response basic = api("PATCH", path + "/branches/dev", Map.of("accessControl", Map.of("mode", "BASIC_AUTH"),
                "basicAuthCredentials", b64("user:pass")));
        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        assertThat(basic.json().path("branch").path("enableBasicAuth").asBoolean()).isTrue();
        JsonNode dev = siteOf(routes(0), appId, "dev", false);
        assertThat(dev.path("basicAuth").asString()).isNotEmpty();
        assertThat(dev.has("protection")).isFalse();
        // INHERIT gives the app's setting back
        api("PATCH", path + "/branches/dev", Map.of("accessControl", Map.of("mode", "INHERIT")));
        assertThat(siteOf(routes(0), appId, "dev", false).path("protection").asString()).isEqualTo("TEAM");
        assertThat(api("GET", path + "/branches/dev", null).json().path("branch").path("accessControl")
                .path("mode").asString()).isEqualTo("INHERIT");

        // today's basic auth API still works and is the same setting
        api("PATCH", path, Map.of("enableBasicAuth", true, "basicAuthCredentials", b64("a:b")));
        assertThat(api("GET", path, null).json().path("app").path("accessControl").path("mode").asString())
                .isEqualTo("BASIC_AUTH");
        assertThat(siteOf(routes(0), appId, "dev", false).has("protection")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'PATCH /api/v1/apps/{appId}' "
                + "AND target = ? AND status = 200").param(path).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void malformedSettingsAre400ProblemsAndChangeNothing() throws Exception {
        String appId = deployedApp();
        String path = "/api/v1/apps/" + appId;
        Map<Object, String> refusals = Map.of(
                Map.of("accessControl", Map.of("mode", "VPN")), "'accessControl.mode' must be one of",
                Map.of("accessControl", Map.of("mode", "INHERIT")), "'accessControl.mode' must be one of",
                Map.of("accessControl", Map.of("scope", "ALL_DEPLOYMENTS")), "'accessControl.mode' must be one of",
                Map.of("accessControl", Map.of("mode", "TEAM", "scope", "SOME")), "'accessControl.scope' must be",
                Map.of("accessControl", Map.of("mode", "BASIC_AUTH")), "needs 'basicAuthCredentials'",
                Map.of("accessControl", Map.of("mode", "TEAM"), "enableBasicAuth", true), "disagree");
        for (Map.Entry<Object, String> refusal : refusals.entrySet()) {
            Response bad = api("PATCH", path, refusal.getKey());
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(bad.json().path("detail").asString()).contains(refusal.getValue());
        }
        Response branch = api("PATCH", path + "/branches/dev", Map.of("accessControl", Map.of("mode", "OPEN")));
        assertThat(branch.status()).isEqualTo(400);
        assertThat(api("GET", path, null).json().path("app").path("accessControl").path("mode").asString())
                .isEqualTo("NONE");
    }

    @Test
    void bypassTokensAreShownOnceListedWithoutValuesRevocableAndForAdminsOnly() throws Exception {
        String appId = deployedApp();
        String path = "/api/v1/apps/" + appId + "/bypass-tokens";
        Response created = api("POST", path, Map.of("name", "e2e"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().path("token").asString();
        String id = created.json().path("id").asString();
        assertThat(token).startsWith("slpb_");
        JsonNode listed = api("GET", path, null).json().path("bypassTokens");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("name").asString()).isEqualTo("e2e");
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(api("POST", path, Map.of("name", " ")).status()).isEqualTo(400);

        api("PATCH", "/api/v1/apps/" + appId, Map.of("accessControl", Map.of("mode", "TEAM")));
        assertThat(routes(0).path("protection").path("bypassTokenHashes").path(appId).toString())
                .contains(ProtectionTokens.bypassHash(token)).doesNotContain(token);

        String viewer = "bypass-viewer-" + System.nanoTime();
        users.create(viewer, null, PASSWORD, "DEVELOPER");
        String viewerToken = tokens.create(new Me(viewer, Role.DEVELOPER, null), "t", Role.DEVELOPER).token();
        assertThat(call("GET", path, viewerToken, null, Map.of()).status()).isEqualTo(403);
        assertThat(call("POST", path, viewerToken, Map.of("name", "x"), Map.of()).status()).isEqualTo(403);
        assertThat(call("DELETE", path + "/" + id, viewerToken, null, Map.of()).status()).isEqualTo(403);

        assertThat(api("DELETE", path + "/" + id, null).status()).isEqualTo(204);
        assertThat(api("DELETE", path + "/" + id, null).status()).isEqualTo(404);
        assertThat(api("GET", path, null).json().path("bypassTokens").size()).isZero();
        assertThat(routes(0).path("protection").path("bypassTokenHashes").toString())
                .doesNotContain(ProtectionTokens.bypassHash(token));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action LIKE '% /api/v1/apps/{appId}/bypass-tokens%'"
                + " AND target LIKE ?").param(path + "%").query(Integer.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void authorizeSendsMembersBackWithAHostBoundTokenAndRefusesEveryoneElse() throws Exception {
        String appId = deployedApp();
        api("PATCH", "/api/v1/apps/" + appId, Map.of("accessControl", Map.of("mode", "TEAM")));
        JsonNode snapshot = routes(0);
        String host = siteOf(snapshot, appId, "dev", false).path("host").asString();
        String authorize = "/protection/authorize?host=" + host + ":8443&proto=https&return=%2Fdocs%2Fa%3Fb%3D1";

        HttpResponse<String> anonymous = ConsoleClient.anonymous(port).get(authorize);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");

        String member = "protection-member-" + System.nanoTime();
        users.create(member, null, PASSWORD, "VIEWER");
        ConsoleClient console = ConsoleClient.signedIn(port, member, PASSWORD);
        HttpResponse<String> back = console.get(authorize);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath())
                .isEqualTo("https://" + host + ":8443/_slipway/protection/callback");
        String query = location.getRawQuery();
        assertThat(query).contains("&return=" + "%2Fdocs%2Fa%3Fb%3D1");
        String token = URLDecoder.decode(query.substring("token=".length(), query.indexOf('&')),
                StandardCharsets.UTF_8);
        var key = ProtectionTokens.publicKey(snapshot.path("protection").path("publicKey").asString());
        long now = Instant.now().getEpochSecond();
        assertThat(ProtectionTokens.verifyToken(key, token, host, now)).isTrue();
        assertThat(ProtectionTokens.verifyToken(key, token, "other." + host, now)).as("bound to the host").isFalse();
        assertThat(ProtectionTokens.verifyToken(key, token, host, now + 61)).as("a minute at most").isFalse();

        // open-redirect attempts and hosts nobody serves
        for (String bad : new String[] {"return=%2F%2Fevil.example%2F", "return=https%3A%2F%2Fevil.example",
                "return=%2F%5Cevil.example", "proto=javascript", "host=" + host + "%2Fevil"}) {
            String attempt = "/protection/authorize?host=" + host + "&" + bad;
            assertThat(console.get(attempt).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(console.get("/protection/authorize?host=evil.example&return=%2F").statusCode()).isEqualTo(404);

        // a member removed from the team keeps a session but is no member any more
        users.remove(member);
        HttpResponse<String> refused = console.get(authorize);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void theConsoleSetsModeAndScopeAndManagesBypassTokensWithCsrf() throws Exception {
        String appId = deployedApp();
        String admin = "protection-admin-" + System.nanoTime();
        users.create(admin, null, PASSWORD, "ADMIN");
        ConsoleClient console = ConsoleClient.signedIn(port, admin, PASSWORD);
        console.csrfFrom("/apps/" + appId + "/settings");
        console.follow(console.post("/apps/" + appId + "/settings/access",
                Map.of("mode", "TEAM", "scope", "PREVIEWS_AND_IMMUTABLE")));
        JsonNode access = api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("accessControl");
        assertThat(access.path("mode").asString()).isEqualTo("TEAM");
        assertThat(access.path("scope").asString()).isEqualTo("PREVIEWS_AND_IMMUTABLE");

        HttpResponse<String> page = console.follow(console.post("/apps/" + appId + "/settings/bypass-tokens",
                Map.of("name", "link-checker")));
        assertThat(page.body()).contains("id=\"new-bypass-token\"").contains("link-checker")
                .contains("<option value=\"TEAM\" selected");
        String id = api("GET", "/api/v1/apps/" + appId + "/bypass-tokens", null).json().path("bypassTokens").get(0)
                .path("id").asString();
        console.csrfFrom("/apps/" + appId + "/settings");
        console.follow(console.post("/apps/" + appId + "/settings/bypass-tokens/" + id + "/revoke", Map.of()));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/bypass-tokens", null).json().path("bypassTokens").size())
                .isZero();
        // a form post without session and CSRF token changes nothing
        Response forged = call("POST", "/apps/" + appId + "/settings/access", null, "mode=NONE",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(forged.status()).isIn(302, 403);
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("accessControl").path("mode")
                .asString()).isEqualTo("TEAM");
    }
}
