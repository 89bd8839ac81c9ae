package dev.slipway.protocol.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.headers.HeaderRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentManifestTests {

    private static final Map<String, ManifestEntry> FILES = Map.of("index.html", new ManifestEntry("ab", 5, "text/html"));

    @Test
    void manifestsWithoutHeadersKeepTheirOldJson() {
        String json = new String(DeploymentManifest.of(FILES).toJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"version\":1,\"files\":{\"index.html\":{\"hash\":\"ab\",\"size\":5,"
                + "\"contentType\":\"text/html\"}}}");
        DeploymentManifest old = DeploymentManifest.fromJson(json.getBytes(StandardCharsets.UTF_8));
        assertThat(old.customHeaders()).isNull();
        assertThat(old.headers().isEmpty()).isTrue();
    }

    @Test
    void headersRoundTrip() {
        CustomHeaders headers = new CustomHeaders(List.of(new HeaderRule("**", List.of(new Header("X-A", "1")))));
        DeploymentManifest manifest = DeploymentManifest.of(FILES).withCustomHeaders(headers);
        assertThat(DeploymentManifest.fromJson(manifest.toJson())).isEqualTo(manifest);
        assertThat(DeploymentManifest.of(FILES).withCustomHeaders(CustomHeaders.NONE).customHeaders()).isNull();
    }
}
