package dev.slipway.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.docs.ConfigurationReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/administration/configuration-reference/runner.md says what the code reads (see {@link ConfigurationReference}). */
class ConfigurationReferenceTests {

    @Test
    void theReferencePageMatchesTheSettingsInTheCode() throws Exception {
        assertThat(ConfigurationReference.staleness("Build runner settings",
                Path.of("target/classes/META-INF/spring-configuration-metadata.json"),
                Path.of("src/main/resources/application.properties"),
                Path.of("../docs/administration/configuration-reference/runner.md"))).isNull();
    }
}
