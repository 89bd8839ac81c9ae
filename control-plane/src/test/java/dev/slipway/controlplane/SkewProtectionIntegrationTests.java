package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.RouteTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Skew protection (issue 22): the branch switch through the API, and the recent deployments the route snapshot gives
 * edges for a branch that has it on (static ones of the last 7 days, the last 8 SSR ones).
 */
class SkewProtectionIntegrationTests extends ControlPlaneIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSwitchIsPatchedShownAndBumpsTheRouteVersion() throws Exception {
        String appId = createAppWithBranch("main", null);
        String branch = "/api/v1/apps/" + appId + "/branches/main";
        deploy(appId, "main");
        assertThat(api("GET", branch, null).json().path("branch").path("enableSkewProtection").asBoolean()).isFalse();
        assertThat(site(routes(0), "main." + appId + ".localhost").has("recentDeployments")).isFalse();

        long before = routes(0).path("version").asLong();
        Response on = api("PATCH", branch, Map.of("enableSkewProtection", true));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().path("branch").path("enableSkewProtection").asBoolean()).isTrue();
        JsonNode snapshot = routes(before);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(before);
        assertThat(site(snapshot, "main." + appId + ".localhost").has("recentDeployments")).isTrue();

        // other fields leave it alone; a PATCH that does not change it does not bump the version
        api("PATCH", branch, Map.of("enableAutoBuild", false));
        assertThat(api("GET", branch, null).json().path("branch").path("enableSkewProtection").asBoolean()).isTrue();
        long unchanged = routes(0).path("version").asLong();
        api("PATCH", branch, Map.of("enableSkewProtection", true));
        assertThat(routes(0).path("version").asLong()).isEqualTo(unchanged);

        api("PATCH", branch, Map.of("enableSkewProtection", false));
        snapshot = routes(unchanged);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(unchanged);
        assertThat(site(snapshot, "main." + appId + ".localhost").has("recentDeployments")).isFalse();
        assertThat(api("GET", branch, null).json().path("branch").path("enableSkewProtection").asBoolean()).isFalse();
    }

    @Test
    void theSnapshotListsStaticDeploymentsOfTheLastSevenDaysAndTheLastEightServerSideOnes() throws Exception {
        String appId = createAppWithBranch("main", null);
        String old = deploy(appId, "main");
        String recent = deploy(appId, "main");
        List<String> ssr = new ArrayList<>();
        String ssrManifest = storeSsrManifest();
        for (int i = 0; i < 9; i++) {
            ssr.add(deploy(appId, "main", ssrManifest));
        }
        jdbc.sql("UPDATE deployments SET create_time = now() - interval '8 days' WHERE deployment_id = ?")
                .param(old).update();
        // the SSR deployments are newer than the static ones: spread them out so their order is certain
        for (int i = 0; i < ssr.size(); i++) {
            jdbc.sql("UPDATE deployments SET create_time = now() - make_interval(mins => ?) WHERE deployment_id = ?")
                    .params(ssr.size() - i, ssr.get(i)).update();
        }
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableSkewProtection", true));

        JsonNode site = site(routes(0), "main." + appId + ".localhost");
        List<String> listed = new ArrayList<>();
        site.path("recentDeployments").forEach(d -> listed.add(d.path("deploymentId").asString()));
        assertThat(listed).contains(recent).doesNotContain(old, ssr.getFirst())
                .containsAll(ssr.subList(1, 9)).hasSize(9);
        // newest first: the static one made after them, then the SSR ones (no age limit: they go by count)
        JsonNode first = site.path("recentDeployments").get(0);
        assertThat(first.path("deploymentId").asString()).isEqualTo(recent);
        assertThat(first.path("pinnableUntil").asLong()).isGreaterThan(System.currentTimeMillis());
        JsonNode second = site.path("recentDeployments").get(1);
        assertThat(second.path("deploymentId").asString()).isEqualTo(ssr.getLast());
        assertThat(second.path("manifestHash").asString()).isEqualTo(ssrManifest);
        assertThat(second.has("pinnableUntil")).isFalse();
        // the immutable per-deployment hosts stay as they were: pinned already
        assertThat(site(routes(0), recent + "." + appId + ".localhost").has("recentDeployments")).isFalse();
    }

    @Test
    void previewsFollowTheirBaseBranch() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableSkewProtection", true));
        jdbc.sql("""
                INSERT INTO branches (app_id, branch_name, stage, pull_request_number, source_branch, destination_branch)
                VALUES (?, 'pr-7', 'PULL_REQUEST', 7, 'feature', 'main')""").param(appId).update();
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableSkewProtection", false));
        api("PATCH", "/api/v1/apps/" + appId + "/branches/main", Map.of("enableSkewProtection", true));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/pr-7", null).json().path("branch")
                .path("enableSkewProtection").asBoolean()).isTrue();
    }

    private static String storeSsrManifest() throws IOException {
        FileSystemBlobStore blobs = new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        String server = blobs.put("require('http')".getBytes());
        ComputeBundle bundle = new ComputeBundle("server.js", "nodejs22.x", "nextjs", "16.0.0",
                List.of(new ComputeRoute("/*", RouteTarget.compute(), null)),
                new TreeMap<>(Map.of("server.js", new ManifestEntry(server, 15, "text/javascript"))));
        String file = blobs.put("hello".getBytes());
        return blobs.put(DeploymentManifest.of(Map.of("index.html", new ManifestEntry(file, 5, "text/html")))
                .withCompute(bundle).toJson());
    }
}
