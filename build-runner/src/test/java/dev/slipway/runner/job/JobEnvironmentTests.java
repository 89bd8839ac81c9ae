package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEnvironmentTests {

    @Test
    void specLosesToUserWhichLosesToPlatform() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("A", "spec");
        spec.put("B", "spec");
        spec.put("C", "spec");
        Map<String, String> merged = JobEnvironment.merge(spec, Map.of("B", "user", "C", "user"),
                Map.of("C", "platform", "AWS_BRANCH", "main"));
        assertThat(merged).containsEntry("A", "spec").containsEntry("B", "user").containsEntry("C", "platform")
                .containsEntry("AWS_BRANCH", "main");
    }

    @Test
    void nullMapsAndInvalidNamesAreIgnored() {
        assertThat(JobEnvironment.merge(null, Map.of("BAD=NAME", "x", "OK", "y"), null)).containsOnlyKeys("OK");
    }

    @Test
    void nextAppsRenderedOnTheServerAreBuiltStandaloneUnlessTheUserSaidOtherwise(@TempDir Path app) throws Exception {
        SequencedMap<String, String> env = new LinkedHashMap<>(Map.of("A", "1"));
        assertThat(JobEnvironment.withNextStandalone(env, app)).as("no package.json").isNull();
        Files.writeString(app.resolve("package.json"), "{\"dependencies\":{\"next\":\"15.0.0\"}}");
        assertThat(JobEnvironment.withNextStandalone(env, app)).containsEntry("A", "1")
                .containsEntry("NEXT_PRIVATE_STANDALONE", "true");
        assertThat(env).doesNotContainKey("NEXT_PRIVATE_STANDALONE");
        SequencedMap<String, String> userSet = new LinkedHashMap<>(Map.of("NEXT_PRIVATE_STANDALONE", "false"));
        assertThat(JobEnvironment.withNextStandalone(userSet, app)).isNull();
        Files.writeString(app.resolve("next.config.js"), "module.exports = { output: 'export' }");
        assertThat(JobEnvironment.withNextStandalone(env, app)).as("static export").isNull();
    }
}
