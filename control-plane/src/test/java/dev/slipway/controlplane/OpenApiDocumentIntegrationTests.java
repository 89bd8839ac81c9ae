package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public API's OpenAPI document: served without an account, the internal surfaces left out, every operation
 * documents its refusals, and docs/reference/openapi.json is exactly what the code serves, so an API change cannot
 * land without its description ({@code -Dslipway.docs.update=true} rewrites the file).
 */
class OpenApiDocumentIntegrationTests extends ControlPlaneIntegrationTest {

    private static final Path COMMITTED = Path.of("../docs/reference/openapi.json");

    @Test
    void theDocumentDescribesThePublicApiAndItsErrors() throws Exception {
        Response served = call("GET", "/v3/api-docs", null, null, Map.of());
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = JSON.readTree(served.body());
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        List<String> paths = new ArrayList<>();
        document.path("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/v1/apps", "/api/v1/apps/{appId}/branches/{branchName}/jobs",
                "/hooks/{provider}/{appId}", "/webhooks");
        assertThat(paths).noneMatch(path -> path.startsWith("/runner/") || path.startsWith("/edge/")
                || path.startsWith("/apps") || path.startsWith("/team"));
        List<String> ids = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            ids.add(operation.getValue().path("operationId").asString());
            JsonNode responses = operation.getValue().path("responses");
            // signed callers (git hosts, build hooks) carry no bearer token and so have no role to lack
            boolean signed = path.getKey().startsWith("/hooks/") || path.getKey().equals("/webhooks");
            // upload URLs are signed too, and a forged one is refused with 403
            boolean ownCredential = signed || path.getKey().startsWith("/uploads/");
            assertThat(operation.getValue().has("security")).as(path.getKey()).isEqualTo(ownCredential);
            assertThat(responses.has("403")).as(path.getKey()).isNotEqualTo(signed);
            for (String status : signed ? List.of("400", "401", "404") : List.of("400", "401", "403", "404")) {
                if (!responses.path(status).path("content").has("application/problem+json")) {
                    undocumented.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + status);
                }
            }
        }));
        assertThat(undocumented).isEmpty();
        assertThat(ids).as("operation ids: unique, and none numbered by springdoc (its numbering is not stable)")
                .doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_[0-9]+"));
    }

    @Test
    void theCommittedDocumentIsWhatTheCodeServes() throws Exception {
        String served = call("GET", "/v3/api-docs", null, null, Map.of()).body().strip() + "\n";
        if (Boolean.getBoolean("slipway.docs.update")) {
            Files.writeString(COMMITTED, served);
        }
        assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "")
                .as(COMMITTED + " is stale: rerun this test with -Dslipway.docs.update=true").isEqualTo(served);
    }

    @Test
    void theReferencePageIsServedFromTheControlPlaneItself() throws Exception {
        Response redirect = call("GET", "/api-docs", null, null, Map.of());
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.raw().headers().firstValue("Location").orElseThrow();
        Response page = call("GET", location.replaceFirst("^https?://[^/]+", ""), null, null, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui").doesNotContain("https://", "//cdn", "unpkg");
    }
}
