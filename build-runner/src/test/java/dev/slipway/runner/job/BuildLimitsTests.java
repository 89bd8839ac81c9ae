package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BuildLimitsTests {

    private final List<String> log = new ArrayList<>();

    @Test
    void buildTimeoutIsMinutesClampedToAmplifysRange() {
        assertThat(limits(Map.of()).timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(limits(Map.of("_BUILD_TIMEOUT", "45")).timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(limits(Map.of("_BUILD_TIMEOUT", "1")).timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits(Map.of("_BUILD_TIMEOUT", "500")).timeout()).isEqualTo(Duration.ofMinutes(120));
        assertThat(limits(Map.of("_BUILD_TIMEOUT", "soon")).timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(log).containsExactly(
                "[slipway] _BUILD_TIMEOUT=1 is outside 5-120 minutes; using 5",
                "[slipway] _BUILD_TIMEOUT=500 is outside 5-120 minutes; using 120",
                "[slipway] _BUILD_TIMEOUT must be a number of minutes; ignoring 'soon' and using 30 minutes");
        assertThat(BuildStepRunner.describe(Duration.ofMinutes(7))).isEqualTo("7 minutes");
    }

    @Test
    void customImageIsTakenAsWritten() {
        assertThat(limits(Map.of()).image()).isNull();
        assertThat(limits(Map.of("_CUSTOM_IMAGE", " local/node:20 ")).image()).isEqualTo("local/node:20");
    }

    private BuildLimits limits(Map<String, String> env) {
        return BuildLimits.of(env, Duration.ofMinutes(30), log::add);
    }
}
