package dev.slipway.runner.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeLogFilesTests {

    @TempDir
    Path root;

    @Test
    void appendsPrefixedLinesPerBranchAndRotatesPastTheCap() throws Exception {
        try (ComputeLogFiles logs = new ComputeLogFiles(root, 200)) {
            logs.append("app1", "main", "dep1", "first line");
            logs.append("app1", "feature/x", "dep2", "on a branch with a slash");
            Path main = root.resolve("app1/main.log");
            assertThat(Files.readString(main)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z dep1 first line\n");
            assertThat(root.resolve("app1/feature/x.log")).exists();

            for (int i = 0; i < 10; i++) {
                logs.append("app1", "main", "dep1", "line " + i + " padded to make the file grow past its cap");
            }
            assertThat(root.resolve("app1/main.log.1")).exists();
            assertThat(Files.size(main)).isLessThanOrEqualTo(200);
            assertThat(Files.readString(main)).contains("line 9");
        }
    }

    @Test
    void refusesNamesLeadingOutsideTheRoot() {
        ComputeLogFiles logs = new ComputeLogFiles(root, 1000);
        assertThatThrownBy(() -> logs.fileOf("..", "main")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.fileOf("app1", "../../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.fileOf("app1", "../app2/main")).isInstanceOf(IllegalArgumentException.class);
    }
}
