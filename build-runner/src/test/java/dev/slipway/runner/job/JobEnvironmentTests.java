package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
