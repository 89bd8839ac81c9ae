package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Secrets over the API: write-only values, encrypted at rest, delivered only in the lease answer. */
class SecretsIntegrationTests extends ControlPlaneIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void valuesAreWriteOnlyEncryptedAndReachOnlyTheLease() throws Exception {
        String appId = createAppWithBranch("main", null);
        String app = "/api/v1/apps/" + appId + "/secrets";
        String branch = "/api/v1/apps/" + appId + "/branches/main/secrets";
        Response put = api("PUT", app + "/API_KEY", Map.of("value", "app-level-value"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("secret").path("name").asString()).isEqualTo("API_KEY");
        assertThat(put.body()).doesNotContain("app-level-value");
        api("PUT", app + "/ONLY_APP", Map.of("value", "only-app-value"));
        api("PUT", branch + "/API_KEY", Map.of("value", "branch-value"));

        Response list = api("GET", app, null);
        assertThat(list.json().path("secrets").findValuesAsString("name")).containsExactly("API_KEY", "ONLY_APP");
        assertThat(list.json().path("secrets").get(0).path("updateTime").asString()).isNotBlank();
        assertThat(list.body()).doesNotContain("app-level-value", "only-app-value");
        assertThat(api("GET", branch, null).json().path("secrets").findValuesAsString("name")).containsExactly("API_KEY");
        assertThat(jdbc.sql("SELECT string_agg(value_enc, ' ') FROM secrets WHERE app_id = ?").param(appId)
                .query(String.class).single()).startsWith("v1:").doesNotContain("value");

        api("POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"));
        JsonNode secrets = leaseFor(appId).path("secrets");
        assertThat(secrets.path("API_KEY").asString()).as("branch overrides app").isEqualTo("branch-value");
        assertThat(secrets.path("ONLY_APP").asString()).isEqualTo("only-app-value");

        assertThat(api("DELETE", branch + "/API_KEY", null).status()).isEqualTo(200);
        assertThat(api("DELETE", branch + "/API_KEY", null).status()).isEqualTo(404);
        assertThat(api("GET", branch, null).json().path("secrets").size()).isZero();
    }

    @Test
    void shortValuesBadNamesAndUnknownScopesAreRefused() throws Exception {
        String appId = createAppWithBranch("main", null);
        Response tooShort = api("PUT", "/api/v1/apps/" + appId + "/secrets/PIN", Map.of("value", "123"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 4 characters").doesNotContain("123\"");
        assertThat(api("PUT", "/api/v1/apps/" + appId + "/secrets/AWS_KEY", Map.of("value", "long enough")).status())
                .isEqualTo(400);
        assertThat(api("PUT", "/api/v1/apps/" + appId + "/secrets/AWS_SECRET_ACCESS_KEY",
                Map.of("value", "long enough")).status()).as("the AWS SDK's credentials, for a Gen 2 backend")
                .isEqualTo(200);
        assertThat(api("PUT", "/api/v1/apps/" + appId + "/secrets/TOKEN", Map.of()).status()).isEqualTo(400);
        assertThat(api("PUT", "/api/v1/apps/" + appId + "/branches/nope/secrets/TOKEN", Map.of("value", "abcd"))
                .status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/apps/dnothere/secrets", null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/apps/" + appId + "/secrets", RUNNER_TOKEN, null, Map.of()).status())
                .as("runner tokens cannot read the user API").isIn(401, 403);
    }

    /** A secret sealed with another master key: the job fails with the secret's name, the queue moves on. */
    @Test
    void aJobWhoseSecretNoLongerDecryptsFailsAndTheNextJobIsLeased() throws Exception {
        String broken = createAppWithBranch("main", null);
        String healthy = createAppWithBranch("main", null);
        api("PUT", "/api/v1/apps/" + broken + "/secrets/API_KEY", Map.of("value", "app-level-value"));
        jdbc.sql("UPDATE secrets SET value_enc = ? WHERE app_id = ?")
                .params("v1:" + java.util.Base64.getEncoder().encodeToString(new byte[48]), broken).update();
        startJob(broken, "main");
        startJob(healthy, "main");

        assertThat(leaseFor(healthy).path("appId").asString()).isEqualTo(healthy);
        JsonNode job = api("GET", "/api/v1/apps/" + broken + "/branches/main/jobs/1", null).json().path("job")
                .path("summary");
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("statusReason").asString())
                .isEqualTo("The job could not be prepared for a build runner: Secret 'API_KEY' could not be "
                        + "decrypted (was the master key changed?); set it again.");
        assertThat(api("GET", "/api/v1/apps/" + broken + "/branches/main/jobs/1/logs", null).body())
                .contains("[slipway] The job could not be prepared", "API_KEY");
    }
}
