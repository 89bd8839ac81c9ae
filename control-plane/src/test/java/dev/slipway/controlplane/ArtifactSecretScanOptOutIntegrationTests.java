package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.runner.LeasedJob;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-app opt-out of the runner's artifact secret scan: on by default, PATCHed off and on again, shown by GET and
 * carried to the runner in the lease; a lease from an older control plane (no such field) means the scan is on.
 */
class ArtifactSecretScanOptOutIntegrationTests extends ControlPlaneIntegrationTest {

    @Test
    void theSettingRoundTripsAndTheLeaseCarriesIt() throws Exception {
        String appId = createAppWithBranch("main", null);
        String app = "/api/v1/apps/" + appId;
        assertThat(api("GET", app, null).json().path("app").path("artifactSecretScan").asBoolean())
                .as("on by default").isTrue();
        startJob(appId, "main");
        assertThat(leaseFor(appId).path("artifactSecretScan").asBoolean()).isTrue();

        Response off = api("PATCH", app, Map.of("artifactSecretScan", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("app").path("artifactSecretScan").asBoolean()).isFalse();
        assertThat(api("GET", app, null).json().path("app").path("artifactSecretScan").asBoolean()).isFalse();
        api("PATCH", app, Map.of("description", "other fields keep the setting"));
        assertThat(api("GET", app, null).json().path("app").path("artifactSecretScan").asBoolean()).isFalse();
        // the first job still holds main, so the next build is of another branch
        api("POST", app + "/branches", Map.of("branchName", "next"));
        startJob(appId, "next");
        JsonNode lease = leaseFor(appId);
        assertThat(lease.path("artifactSecretScan").asBoolean()).isFalse();
        assertThat(JSON.treeToValue(lease, LeasedJob.class).scansArtifacts()).isFalse();

        Response on = api("PATCH", app, Map.of("artifactSecretScan", true));
        assertThat(on.json().path("app").path("artifactSecretScan").asBoolean()).isTrue();
        assertThat(api("GET", app, null).json().path("app").path("artifactSecretScan").asBoolean()).isTrue();

        ObjectNode older = (ObjectNode) lease.deepCopy();
        older.remove("artifactSecretScan");
        assertThat(JSON.treeToValue(older, LeasedJob.class).scansArtifacts()).as("older control planes").isTrue();
        assertThat(JSON.treeToValue(older, LeasedJob.class).artifactSecretScan()).isTrue();
    }

    @Test
    void anAppCanBeCreatedWithTheScanOff() throws Exception {
        String appId = api("POST", "/api/v1/apps", Map.of("name", "t", "repository",
                "https://git.example.test/team/site.git", "artifactSecretScan", false)).json().path("app")
                .path("appId").asString();
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("artifactSecretScan")
                .asBoolean()).isFalse();
    }
}
