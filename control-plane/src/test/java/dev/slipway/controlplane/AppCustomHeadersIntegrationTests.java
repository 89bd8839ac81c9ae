package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * App-level custom headers (Amplify's {@code App.customHeaders}): customHttp.yml text set through PATCH or the
 * settings page's editor, checked with the repository file's parser, audited, and published parsed in the route
 * snapshot so edges apply it without a build.
 */
class AppCustomHeadersIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String FRAME_OPTIONS = """
            customHeaders:
              - pattern: '**'
                headers:
                  - key: 'X-Frame-Options'
                    value: 'SAMEORIGIN'
            """;
    /** Line 4 names something that is not a header. */
    private static final String BAD_NAME = """
            customHeaders:
              - pattern: '**'
                headers:
                  - key: 'not a header'
                    value: 'x'
            """;
    private static final String PASSWORD = "headers-member-password";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    @Test
    void savedHeadersAreReturnedAuditedAndReachTheSnapshotWithoutABuild() throws Exception {
        String appId = createAppWithBranch("main", null);
        long before = routes(0).path("version").asLong();

        Response patched = api("PATCH", "/api/v1/apps/" + appId, Map.of("customHeaders", FRAME_OPTIONS));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customHeaders").asString())
                .isEqualTo(FRAME_OPTIONS);

        JsonNode snapshot = routes(before);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(before);
        JsonNode rule = appRoute(snapshot, appId).path("customHeaders").path("rules").get(0);
        assertThat(rule.path("pattern").asString()).isEqualTo("**");
        assertThat(rule.path("headers").get(0).path("value").asString()).isEqualTo("SAMEORIGIN");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'PATCH /api/v1/apps/{appId}' "
                + "AND target = ? AND status = 200").param("/api/v1/apps/" + appId).query(Integer.class).single())
                .isEqualTo(1);

        api("PATCH", "/api/v1/apps/" + appId, Map.of("customHeaders", ""));
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").has("customHeaders")).isFalse();
        assertThat(routes(0).path("apps").toString()).as("an app with nothing to say is not listed")
                .doesNotContain(appId);
    }

    @Test
    void aBadFileIs400NamingTheLineAndChangesNothing() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PATCH", "/api/v1/apps/" + appId, Map.of("customHeaders", FRAME_OPTIONS));

        Response bad = api("PATCH", "/api/v1/apps/" + appId, Map.of("customHeaders", BAD_NAME));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.json().path("detail").asString())
                .isEqualTo("customHeaders line 4: customHeaders[0].headers[0].key must be a header name");

        Response framing = api("PATCH", "/api/v1/apps/" + appId,
                Map.of("customHeaders", FRAME_OPTIONS.replace("X-Frame-Options", "Transfer-Encoding")));
        assertThat(framing.status()).isEqualTo(400);
        assertThat(framing.json().path("detail").asString()).startsWith("customHeaders line 4: ")
                .contains("'Transfer-Encoding' is set by the server");

        Response huge = api("PATCH", "/api/v1/apps/" + appId,
                Map.of("customHeaders", FRAME_OPTIONS + "#".repeat(25_000)));
        assertThat(huge.json().path("detail").asString()).contains("25,000 characters");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customHeaders").asString())
                .as("unchanged by the refused requests").isEqualTo(FRAME_OPTIONS);
    }

    @Test
    void aViewerIsRefusedAndSeesTheEditorReadOnly() throws Exception {
        String appId = createAppWithBranch("main", null);
        String viewer = "headers-viewer-" + System.nanoTime();
        users.create(viewer, null, PASSWORD, "VIEWER");
        String token = tokens.create(new Me(viewer, Role.VIEWER, null), "read", Role.VIEWER).token();

        Response refused = call("PATCH", "/api/v1/apps/" + appId, token, Map.of("customHeaders", FRAME_OPTIONS),
                Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").has("customHeaders")).isFalse();

        api("PATCH", "/api/v1/apps/" + appId, Map.of("customHeaders", FRAME_OPTIONS));
        String page = ConsoleClient.signedIn(port, viewer, PASSWORD).get("/apps/" + appId + "/settings").body();
        assertThat(page).contains("id=\"custom-headers\"").contains("SAMEORIGIN").contains("readonly")
                .contains("id=\"app-headers-source\"").doesNotContain("id=\"save-headers\"");
    }

    @Test
    void theConsoleEditorAnswersHtmxWithTheEditorAndTheLineOfAMistake() throws Exception {
        String appId = createAppWithBranch("main", null);
        String admin = "headers-admin-" + System.nanoTime();
        users.create(admin, null, PASSWORD, "ADMIN");
        ConsoleClient console = ConsoleClient.signedIn(port, admin, PASSWORD);
        String path = "/apps/" + appId + "/settings/headers";

        HttpResponse<String> refused = console.htmxPost(path, Map.of("customHeaders", BAD_NAME));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).startsWith("<section").contains("id=\"headers-error\"")
                .contains("customHeaders line 4:").contains("not a header").doesNotContain("<html");

        HttpResponse<String> saved = console.htmxPost(path, Map.of("customHeaders", FRAME_OPTIONS));
        assertThat(saved.body()).contains("id=\"headers-saved\"").doesNotContain("id=\"headers-error\"");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("customHeaders").asString())
                .isEqualTo(FRAME_OPTIONS);

        HttpResponse<String> plain = console.follow(console.post(path, Map.of("customHeaders", BAD_NAME)));
        assertThat(plain.body()).contains("id=\"headers-error\"").contains("customHeaders line 4:");
    }
}
