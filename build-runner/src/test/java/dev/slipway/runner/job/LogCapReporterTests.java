package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.runner.support.RecordingReporter;
import org.junit.jupiter.api.Test;

class LogCapReporterTests {

    @Test
    void linesPastTheCapAreCountedNotKeptWithOneMarkerAndASummary() {
        RecordingReporter recorded = new RecordingReporter();
        LogCapReporter capped = new LogCapReporter(recorded, 1024);
        String line = "x".repeat(99); // 100 bytes with its newline
        for (int i = 0; i < 50; i++) {
            capped.log(line);
        }
        capped.complete(new JobCompletion("SUCCEED", null, null));

        assertThat(recorded.lines.subList(0, 10)).containsOnly(line);
        assertThat(recorded.lines.get(10)).isEqualTo("[slipway] The log reached 1 KB; later lines are not kept (the build "
                + "goes on)");
        assertThat(recorded.lines.get(11)).isEqualTo("[slipway] Log truncated: 40 lines (3 KB) were not kept");
        assertThat(recorded.lines).hasSize(12);
        assertThat(recorded.completions.getFirst().status()).isEqualTo("SUCCEED");
    }

    @Test
    void aLogUnderTheCapIsUntouched() {
        RecordingReporter recorded = new RecordingReporter();
        LogCapReporter capped = new LogCapReporter(recorded, 1024);
        capped.log("one");
        capped.log("two");
        capped.complete(new JobCompletion("FAILED", "because", null));
        assertThat(recorded.lines).containsExactly("one", "two");
    }
}
