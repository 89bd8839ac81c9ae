package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/apps/{appId}/webhook-deliveries: every delivery with what it caused, rejected ones capped. */
class DeliveryLogIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String SECRET = "It's a Secret to Everybody";

    @Autowired
    JdbcClient jdbc;

    @Test
    void logShowsQueuedDuplicateIgnoredAndRejectedNewestFirst() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        deliver("github", appId, "push-branch");
        deliver("github", appId, "push-branch");
        deliver("gitlab", appId, "push");
        assertThat(forged(appId, "push-branch").status()).isEqualTo(401);

        JsonNode log = api("GET", "/api/v1/apps/" + appId + "/webhook-deliveries", null).json()
                .path("webhookDeliveries");
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.get(0).path("result").asString()).isEqualTo("REJECTED");
        assertThat(log.get(0).path("reason").asString()).contains("X-Hub-Signature-256");
        assertThat(log.get(0).path("event").asString()).isEqualTo("push");
        assertThat(log.get(1).path("result").asString()).isEqualTo("REJECTED");
        assertThat(log.get(1).path("provider").asString()).isEqualTo("gitlab");
        assertThat(log.get(2).path("result").asString()).isEqualTo("DUPLICATE");
        JsonNode queued = log.get(3);
        assertThat(queued.path("result").asString()).isEqualTo("QUEUED");
        assertThat(queued.path("provider").asString()).isEqualTo("github");
        assertThat(queued.path("deliveryId").asString())
                .isEqualTo(Fixtures.headers("github", "push-branch").get("X-GitHub-Delivery"));
        assertThat(queued.path("jobId").asString()).isEqualTo("1");
        assertThat(queued.path("branchName").asString()).isEqualTo("master");
        assertThat(queued.path("receiveTime").asString()).isNotEmpty();
    }

    @Test
    void aRejectedDeliveryDoesNotMakeTheGenuineOneWithTheSameIdADuplicate() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        assertThat(forged(appId, "push-branch").status()).isEqualTo(401);
        Response genuine = deliver("github", appId, "push-branch");
        assertThat(genuine.status()).as(genuine.body()).isEqualTo(202);
    }

    @Test
    void rejectedDeliveriesAreCappedPerApp() throws Exception {
        String appId = createAppWithBranch("master", SECRET);
        deliver("github", appId, "push-branch");
        for (int i = 0; i < 1_005; i++) {
            forged(appId, "ping");
        }
        assertThat(count(appId, "REJECTED")).isEqualTo(1_000);
        assertThat(count(appId, "QUEUED")).isEqualTo(1);
    }

    @Test
    void unknownAppHasNoLog() throws Exception {
        assertThat(api("GET", "/api/v1/apps/dnosuchapp00000/webhook-deliveries", null).status()).isEqualTo(404);
    }

    private Response forged(String appId, String fixture) throws Exception {
        Map<String, String> headers = new HashMap<>(Fixtures.headers("github", fixture));
        headers.put("X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        return call("POST", "/hooks/github/" + appId, null, Fixtures.body("github", fixture), headers);
    }

    private long count(String appId, String result) {
        return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE app_id = ? AND result = ?")
                .params(appId, result).query(Long.class).single();
    }
}
