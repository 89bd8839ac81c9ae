package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.Step;
import dev.slipway.runner.executor.StepOutcome;
import dev.slipway.runner.executor.Workflow;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.spec.BuildScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BuildPlan} through a {@link BuildExecutor}: setup, start, tail and wait, turn the outcome into success
 * or a {@link BuildFailure}, copy the artifact directory out, and always destroy the step and the workflow.
 */
final class BuildStepRunner {

    private static final Logger log = LoggerFactory.getLogger(BuildStepRunner.class);

    private final BuildExecutor executor;
    private final Duration timeout;
    private final long memoryBytes;
    private final long nanoCpus;

    BuildStepRunner(BuildExecutor executor, Duration timeout, long memoryBytes, long nanoCpus) {
        this.executor = executor;
        this.timeout = timeout;
        this.memoryBytes = memoryBytes;
        this.nanoCpus = nanoCpus;
    }

    /**
     * @return the local copy of the artifact directory, or null when the build did not leave it
     */
    Path run(long jobId, Path source, Path workDir, BuildPlan plan, Consumer<String> logLines, JobControl control,
             Timings timings) throws BuildFailure, IOException {
        Workflow workflow = new Workflow(jobId, source, workDir.resolve("scratch"));
        Step step = new Step("build", plan.script(), plan.environment(), plan.workingDir(), memoryBytes, nanoCpus);
        try {
            executor.setupWorkflow(workflow);
            timings.containerStarting();
            control.onStop(() -> executor.destroyStep(workflow, step));
            executor.startStep(workflow, step);
            Ended ended = runToEnd(workflow, step, logLines, timings);
            control.clearStop();
            if (control.shouldStop()) {
                throw BuildFailure.cancelled("BUILD");
            }
            requireSuccess(ended);
            long start = Timings.now();
            Path out = workDir.resolve("artifacts");
            boolean present = executor.copyOut(workflow, step, plan.artifactDir(), out);
            timings.artifacts += Timings.since(start);
            return present ? out : null;
        } catch (IOException e) {
            if (control.shouldStop()) {
                throw BuildFailure.cancelled("BUILD");
            }
            throw e;
        } finally {
            control.clearStop();
            executor.destroyStep(workflow, step);
            executor.destroyWorkflow(workflow);
        }
    }

    /** The step's outcome and the last {@code !!! Command failed} line it printed, if any. */
    private record Ended(StepOutcome outcome, String failureLine) {
    }

    private Ended runToEnd(Workflow workflow, Step step, Consumer<String> logLines, Timings timings)
            throws IOException {
        AtomicReference<String> failure = new AtomicReference<>();
        Thread tail = Thread.ofVirtual().name("tail-" + workflow.jobId()).start(() -> {
            try {
                executor.tailStep(workflow, step, line -> {
                    if (line.startsWith(BuildScript.COMMAND_PREFIX)) {
                        timings.firstCommand();
                    } else if (line.startsWith(BuildScript.FAILED_PREFIX)) {
                        failure.set(line);
                    }
                    logLines.accept(line);
                });
            } catch (IOException e) {
                log.warn("build output of job {} stopped early: {}", workflow.jobId(), e.getMessage());
            }
        });
        StepOutcome outcome = executor.waitStep(workflow, step, timeout);
        try {
            tail.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timings.stepEnded();
        return new Ended(outcome, failure.get());
    }

    private void requireSuccess(Ended ended) throws BuildFailure {
        StepOutcome outcome = ended.outcome();
        if (outcome.timedOut()) {
            throw BuildFailure.failed("BUILD", "Build timed out after " + describe(timeout));
        }
        if (outcome.oomKilled()) {
            throw BuildFailure.failed("BUILD", "Build ran out of memory (limit " + describeBytes(memoryBytes) + ")");
        }
        if (outcome.exitCode() != 0) {
            String line = ended.failureLine();
            throw BuildFailure.failed("BUILD", line != null ? line.substring(4)
                    : "Build failed with exit code " + outcome.exitCode());
        }
    }

    static String describe(Duration d) {
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }

    static String describeBytes(long bytes) {
        if (bytes <= 0) {
            return "none";
        }
        long gb = 1024L * 1024 * 1024;
        long mb = 1024L * 1024;
        if (bytes % gb == 0) {
            return bytes / gb + "GB";
        }
        if (bytes % mb == 0) {
            return bytes / mb + "MB";
        }
        return bytes + " bytes";
    }
}
