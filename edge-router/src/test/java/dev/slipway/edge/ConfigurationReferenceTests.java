package dev.slipway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.docs.ConfigurationReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/administration/configuration-reference/edge.md says what the code reads (see {@link ConfigurationReference}). */
class ConfigurationReferenceTests {

    @Test
    void theReferencePageMatchesTheSettingsInTheCode() throws Exception {
        assertThat(ConfigurationReference.staleness("Edge router settings",
                Path.of("target/classes/META-INF/spring-configuration-metadata.json"),
                Path.of("src/main/resources/application.yml"),
                Path.of("../docs/administration/configuration-reference/edge.md"))).isNull();
    }
}
