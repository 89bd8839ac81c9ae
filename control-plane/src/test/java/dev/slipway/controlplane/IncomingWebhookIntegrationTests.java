package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Amplify's incoming webhooks: create, list, get, delete, and calling the URL without a bearer token. */
class IncomingWebhookIntegrationTests extends ControlPlaneIntegrationTest {

    @Test
    void createdWebhookUrlStartsAWebHookBuildOfTheBranchHead() throws Exception {
        String appId = createAppWithBranch("main", null);
        Response created = api("POST", "/api/v1/apps/" + appId + "/webhooks",
                Map.of("branchName", "main", "description", "nightly"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode webhook = created.json().path("webhook");
        String webhookId = webhook.path("webhookId").asString();
        assertThat(UUID.fromString(webhookId)).isNotNull();
        assertThat(webhook.path("webhookUrl").asString()).matches("http://localhost:\\d+/webhooks\\?id=" + webhookId
                + "&token=[a-z0-9]{40}");
        assertThat(webhook.path("branchName").asString()).isEqualTo("main");
        assertThat(webhook.path("description").asString()).isEqualTo("nightly");
        assertThat(webhook.path("createTime").asString()).isNotEmpty();

        Response started = call("POST", pathOf(webhook) + "&operation=startbuild", null, "{}", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("jobId").asString()).isEqualTo("1");
        JsonNode job = api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/1", null).json().path("job")
                .path("summary");
        assertThat(job.path("jobType").asString()).isEqualTo("WEB_HOOK");
        assertThat(job.path("commitId").isMissingNode() || job.path("commitId").isNull()).isTrue();

        JsonNode listed = api("GET", "/api/v1/apps/" + appId + "/webhooks", null).json().path("webhooks");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("webhookUrl").asString()).doesNotContain("token=");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/webhooks/" + webhookId, null).json().path("webhook")
                .path("branchName").asString()).isEqualTo("main");
    }

    @Test
    void wrongIdOrTokenIs401AndDeletedIs404() throws Exception {
        String appId = createAppWithBranch("main", null);
        JsonNode webhook = api("POST", "/api/v1/apps/" + appId + "/webhooks", Map.of("branchName", "main")).json()
                .path("webhook");
        String path = pathOf(webhook);
        String webhookId = webhook.path("webhookId").asString();
        assertThat(call("POST", path.replaceAll("token=.*", "token=wrong"), null, "{}", Map.of()).status())
                .isEqualTo(401);
        assertThat(call("POST", path.replace(webhookId, UUID.randomUUID().toString()), null, "{}", Map.of())
                .status()).isEqualTo(401);
        assertThat(call("POST", "/webhooks?id=not-a-uuid&token=x", null, "{}", Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", path + "&operation=deletebuild", null, "{}", Map.of()).status()).isEqualTo(400);

        assertThat(api("DELETE", "/api/v1/apps/" + appId + "/webhooks/" + webhookId, null).status()).isEqualTo(200);
        Response deleted = call("POST", path, null, "{}", Map.of());
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.json().path("detail").asString()).contains("was deleted");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/webhooks/" + webhookId, null).status()).isEqualTo(404);
        assertThat(jobCount(appId, "main")).isZero();
    }

    @Test
    void burstBeyondTheLimitIs429WithRetryAfter() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = pathOf(api("POST", "/api/v1/apps/" + appId + "/webhooks", Map.of("branchName", "main")).json()
                .path("webhook"));
        for (int i = 0; i < 10; i++) {
            assertThat(call("POST", path, null, "{}", Map.of()).status()).isEqualTo(202);
        }
        Response limited = call("POST", path, null, "{}", Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 6L));
        assertThat(limited.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(jobCount(appId, "main")).isEqualTo(10);
    }

    @Test
    void webhookNeedsAConnectedBranch() throws Exception {
        String appId = createAppWithBranch("main", null);
        Response response = api("POST", "/api/v1/apps/" + appId + "/webhooks", Map.of("branchName", "dev"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/apps/dnosuchapp00000/webhooks", null).status()).isEqualTo(404);
    }

    private static String pathOf(JsonNode webhook) {
        URI url = URI.create(webhook.path("webhookUrl").asString());
        return url.getRawPath() + "?" + url.getRawQuery();
    }
}
