package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.executor.MissingImageException;
import dev.slipway.runner.executor.StepOutcome;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.spec.BuildScript;
import dev.slipway.runner.support.RecordingReporter;
import dev.slipway.runner.support.ScriptedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's failure and cleanup paths against a {@link ScriptedExecutor}: how each way a build can end becomes the
 * reported failure, and that the step and the workflow are destroyed whatever happened. The Docker integration tests
 * cover the same paths on the real engine.
 */
class BuildStepRunnerTests {

    private static final long MEMORY = 512L << 20;

    @TempDir
    Path work;

    private final RecordingReporter reporter = new RecordingReporter();
    private final JobControl control = new JobControl();

    @Test
    void describesLimitsForPeople() {
        assertThat(BuildStepRunner.describe(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(BuildStepRunner.describe(Duration.ofSeconds(2))).isEqualTo("2 seconds");
        assertThat(BuildStepRunner.describeBytes(4L << 30)).isEqualTo("4GB");
        assertThat(BuildStepRunner.describeBytes(32L << 20)).isEqualTo("32MB");
    }

    @Test
    void aSuccessfulBuildHandsBackItsArtifactsAndCleansUp() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().prints(BuildScript.COMMAND_PREFIX + "npm run build", "done")
                .hasDirectory("dist", "<h1>built</h1>");
        BuildStepRunner.Built built = run(executor, plan(false, null), Duration.ofMinutes(1));
        assertThat(Files.readString(built.output().resolve("file.txt"))).isEqualTo("<h1>built</h1>");
        assertThat(reporter.lines).contains("done");
        assertThat(executor.calls).endsWith("destroyStep", "destroyWorkflow");
    }

    @Test
    void aFailingCommandFailsTheBuildStepWithItsOwnLine() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor()
                .prints(BuildScript.FAILED_PREFIX + "2: npm run build").endsWith(new StepOutcome(2, false, false));
        assertFails(executor, plan(false, null), "BUILD", "Command failed with exit code 2: npm run build");
        assertThat(executor.calls).doesNotContain("copyOut dist").endsWith("destroyStep", "destroyWorkflow");
    }

    @Test
    void anExitWithoutAFailureLineSaysTheCode() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().endsWith(new StepOutcome(3, false, false));
        assertFails(executor, plan(false, null), "BUILD", "Build failed with exit code 3");
    }

    @Test
    void outOfMemoryNamesTheLimit() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().endsWith(new StepOutcome(137, true, false));
        assertFails(executor, plan(false, null), "BUILD", "Build ran out of memory (limit 512MB)");
    }

    @Test
    void aBuildPastItsTimeoutIsKilledAndSaysSo() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().hang();
        assertThatThrownBy(() -> run(executor, plan(false, null), Duration.ofMillis(200)))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo("FAILED");
                    assertThat(failure.getMessage()).isEqualTo("Build timed out after 0 seconds");
                });
        assertThat(executor.calls).endsWith("destroyStep", "destroyWorkflow");
    }

    @Test
    void failingTestsFailTheTestStepAndStillKeepTheirArtifacts() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor()
                .prints(BuildScript.TEST_MARKER, BuildScript.FAILED_PREFIX + "1: npx cypress run")
                .endsWith(new StepOutcome(1, false, false)).hasDirectory("cypress/report", "<testsuites/>");
        assertFails(executor, plan(true, "cypress/report"), "TEST", "Command failed with exit code 1: npx cypress run");
        assertThat(Files.readString(BuildStepRunner.testOutput(work).resolve("file.txt"))).isEqualTo("<testsuites/>");
    }

    @Test
    void aCancelStopsTheRunningStepAndEndsCancelled() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().hang();
        Thread.ofVirtual().start(() -> {
            while (!executor.calls.contains("waitStep")) {
                Thread.onSpinWait();
            }
            control.cancel();
        });
        assertThatThrownBy(() -> run(executor, plan(false, null), Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo("CANCELLED");
                    assertThat(failure.step()).isEqualTo("BUILD");
                });
        assertThat(executor.calls).endsWith("destroyStep", "destroyWorkflow");
    }

    @Test
    void anEngineFailureIsAPlatformErrorAndStillCleansUp() {
        ScriptedExecutor executor = new ScriptedExecutor().failsAt("startStep", new IOException("engine gone"));
        assertThatThrownBy(() -> run(executor, plan(false, null), Duration.ofMinutes(1)))
                .isInstanceOf(IOException.class).hasMessage("engine gone");
        assertThat(executor.calls).containsExactly("setupWorkflow", "startStep", "destroyStep", "destroyWorkflow");
    }

    @Test
    void aMissingCustomImageFailsTheBuildWithWhatToDo() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor()
                .failsAt("setupWorkflow", new MissingImageException("team/builder:1"));
        assertFails(executor, plan(false, null), "BUILD", "_CUSTOM_IMAGE names team/builder:1");
        assertThat(executor.calls).endsWith("destroyStep", "destroyWorkflow");
    }

    @Test
    void aLogThatStopsEarlyDoesNotFailABuildThatSucceeded() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().prints("half a log")
                .failsAt("tailStep", new IOException("stream reset")).hasDirectory("dist", "ok");
        assertThat(run(executor, plan(false, null), Duration.ofMinutes(1)).output()).isNotNull();
    }

    @Test
    void aTestArtifactCopyThatFailsCostsTheArtifactsNotTheBuild() throws Exception {
        ScriptedExecutor executor = new ScriptedExecutor().prints(BuildScript.TEST_MARKER)
                .failsAt("copyOut cypress/report", new IOException("disk full")).hasDirectory("dist", "ok");
        assertThat(run(executor, plan(true, "cypress/report"), Duration.ofMinutes(1)).output()).isNotNull();
        assertThat(reporter.lines).contains("[slipway] Could not copy the test artifacts: disk full");
    }

    private void assertFails(ScriptedExecutor executor, BuildPlan plan, String step, String reason) {
        assertThatThrownBy(() -> run(executor, plan, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo("FAILED");
                    assertThat(failure.step()).isEqualTo(step);
                    assertThat(failure.getMessage()).contains(reason);
                });
    }

    private BuildStepRunner.Built run(ScriptedExecutor executor, BuildPlan plan, Duration timeout)
            throws BuildFailure, IOException {
        BuildCache cache = new BuildCache(new FileSystemBlobStore(work.resolve("blobs")));
        BuildStepRunner runner = new BuildStepRunner(executor, timeout, MEMORY, 1_000_000_000L, cache);
        return runner.run(1, work.resolve("source"), work, plan, reporter, control, new Timings());
    }

    private static BuildPlan plan(boolean runsTests, String testArtifactDir) {
        SequencedMap<String, String> environment = new LinkedHashMap<>();
        return new BuildPlan("npm run build", "", "dist", "dist", List.of("**/*"), false, environment, List.of(),
                List.of(), runsTests, dev.slipway.protocol.headers.CustomHeaders.NONE, null, testArtifactDir);
    }
}
