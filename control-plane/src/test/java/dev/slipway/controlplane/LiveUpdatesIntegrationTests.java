package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Node.js version setting (Amplify's live package updates, {@code _LIVE_UPDATES}) on the app and the branch:
 * stored through PATCH, shown by GET, the branch's wins in the lease, and a bad value is a 400 that changes nothing.
 */
class LiveUpdatesIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String NODE_18 = "[{\"name\":\"Node.js version\",\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"18\"}]";
    private static final String NODE_20 = "[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"20\"}]";

    @Test
    void appAndBranchSettingsAreShownAndTheBranchWins() throws Exception {
        String appId = createAppWithBranch("main", null);
        String app = "/api/v1/apps/" + appId;
        assertThat(api("PATCH", app, Map.of("environmentVariables", Map.of("_LIVE_UPDATES", NODE_18))).status())
                .isEqualTo(200);
        assertThat(api("PATCH", app + "/branches/main", Map.of("environmentVariables",
                Map.of("_LIVE_UPDATES", NODE_20))).status()).isEqualTo(200);

        assertThat(api("GET", app, null).json().path("app").path("environmentVariables").path("_LIVE_UPDATES")
                .asString()).isEqualTo(NODE_18);
        assertThat(api("GET", app + "/branches/main", null).json().path("branch").path("environmentVariables")
                .path("_LIVE_UPDATES").asString()).isEqualTo(NODE_20);
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        assertThat(lease.path("environment").path("_LIVE_UPDATES").asString()).isEqualTo(NODE_20);
    }

    @Test
    void invalidValuesAreRefusedWithAReason() throws Exception {
        String appId = createAppWithBranch("main", null);
        String app = "/api/v1/apps/" + appId;
        Map<String, String> refused = Map.of(
                "[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"latest\"}]", "must be explicit",
                "{\"pkg\":\"node\"}", "must be a JSON array",
                "[{\"pkg\":\"x; rm -rf /\",\"type\":\"npm\",\"version\":\"1\"}]", "invalid npm package",
                "[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"20 && curl evil\"}]", "invalid version",
                "[{\"pkg\":\"node\",\"type\":\"nvm\"", "is not JSON");
        refused.forEach((value, reason) -> {
            try {
                Response response = api("PATCH", app + "/branches/main",
                        Map.of("environmentVariables", Map.of("_LIVE_UPDATES", value)));
                assertThat(response.status()).as(value).isEqualTo(400);
                assertThat(response.json().path("detail").asString()).contains("_LIVE_UPDATES", reason);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(api("GET", app + "/branches/main", null).json().path("branch").path("environmentVariables")
                .has("_LIVE_UPDATES")).isFalse();
    }
}
