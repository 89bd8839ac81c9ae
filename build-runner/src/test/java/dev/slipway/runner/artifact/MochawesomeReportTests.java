package dev.slipway.runner.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.slipway.protocol.runner.TestArtifactsUpload.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MochawesomeReportTests {

    @TempDir
    Path temp;

    @Test
    void countsComeFromStatsAndAnythingElseIsNoReport() throws Exception {
        Path report = Files.writeString(temp.resolve("m.json"),
                "{\"stats\":{\"suites\":1,\"tests\":4,\"passes\":3,\"pending\":0,\"failures\":1},\"results\":[]}");
        assertThat(MochawesomeReport.read("r/m.json", report)).contains(new Report("r/m.json", 4, 3, 1));
        assertThat(MochawesomeReport.describe(new Report("r/m.json", 4, 3, 1)))
                .isEqualTo("Test report r/m.json: 4 tests, 3 passed, 1 failed");
        assertThat(MochawesomeReport.read("x", Files.writeString(temp.resolve("a.json"), "{\"results\":[]}"))).isEmpty();
        assertThat(MochawesomeReport.read("x", Files.writeString(temp.resolve("b.json"), "not json {"))).isEmpty();
    }
}
