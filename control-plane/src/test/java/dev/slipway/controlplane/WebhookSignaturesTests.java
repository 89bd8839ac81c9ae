package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.webhook.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/** Every X-Hub-Signature-256 vector of the GitHub fixtures verifies exactly as documented. */
class WebhookSignaturesTests {

    @TestFactory
    List<DynamicTest> githubVectors() throws Exception {
        var dir = Fixtures.dir().resolve("webhooks/github");
        JsonNode vectors = ControlPlaneIntegrationTest.JSON.readTree(
                Files.readString(dir.resolve("signature-vectors.json"))).path("vectors");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors) {
            if (!vector.path("header").asString().equals("X-Hub-Signature-256")) {
                continue;
            }
            byte[] payload = vector.has("payloadFile")
                    ? Files.readAllBytes(dir.resolve(vector.path("payloadFile").asString()))
                    : vector.path("payload").asString().getBytes(StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest(vector.path("id").asString(), () -> assertThat(
                    WebhookSignatures.validSha256Header(vector.path("headerValue").asString(), payload,
                            vector.path("secret").asString())).isEqualTo(vector.path("valid").asBoolean())));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }
}
