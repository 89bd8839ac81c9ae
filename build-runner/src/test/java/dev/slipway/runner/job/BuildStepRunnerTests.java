package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildStepRunnerTests {

    @Test
    void describesLimitsForPeople() {
        assertThat(BuildStepRunner.describe(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(BuildStepRunner.describe(Duration.ofSeconds(2))).isEqualTo("2 seconds");
        assertThat(BuildStepRunner.describeBytes(4L << 30)).isEqualTo("4GB");
        assertThat(BuildStepRunner.describeBytes(32L << 20)).isEqualTo("32MB");
    }
}
