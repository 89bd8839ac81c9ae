package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.MissingImageException;
import dev.slipway.runner.executor.Step;
import dev.slipway.runner.executor.StepOutcome;
import dev.slipway.runner.executor.Workflow;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.spec.BuildScript;
import dev.slipway.runner.ssr.NextStandaloneBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BuildPlan} through a {@link BuildExecutor}: setup, start, tail and wait, turn the outcome into success
 * or a {@link BuildFailure} of the step that was running (BUILD or TEST), copy the artifact directory out, and always
 * destroy the step and the workflow. {@code _BUILD_TIMEOUT} and {@code _CUSTOM_IMAGE} apply here ({@link BuildLimits}).
 */
final class BuildStepRunner {

    private static final Logger log = LoggerFactory.getLogger(BuildStepRunner.class);

    private final BuildExecutor executor;
    private final Duration timeout;
    private final long memoryBytes;
    private final long nanoCpus;
    private final BuildCache cache;

    /**
     * What a successful build left: the artifact directory (null when missing), the saved cache (or null), and for a
     * Next.js {@code .next} artifact directory the {@code public/} beside it (or null), which its server needs.
     */
    record Built(Path output, String cacheHash, Path nextPublic) {
    }

    BuildStepRunner(BuildExecutor executor, Duration timeout, long memoryBytes, long nanoCpus, BuildCache cache) {
        this.executor = executor;
        this.timeout = timeout;
        this.memoryBytes = memoryBytes;
        this.nanoCpus = nanoCpus;
        this.cache = cache;
    }

    /**
     * Runs the build (and the tests, when the plan has them) and reports the BUILD and TEST steps' ends.
     *
     * @return the local copy of the artifact directory, and the saved build cache
     */
    Built run(long jobId, Path source, Path workDir, BuildPlan plan, JobReporter reporter, JobControl control,
             Timings timings) throws BuildFailure, IOException {
        BuildLimits limits = BuildLimits.of(plan.environment(), timeout, reporter::log);
        if (limits.image() != null) {
            reporter.log("[slipway] Using the custom build image " + limits.image() + " (" + BuildLimits.IMAGE_VARIABLE
                    + ")");
        }
        Workflow workflow = new Workflow(jobId, source, workDir.resolve("scratch"));
        Step step = new Step("build", plan.script(), plan.environment(), plan.workingDir(), memoryBytes, nanoCpus,
                limits.image());
        StepTracker steps = new StepTracker(reporter);
        try {
            executor.setupWorkflow(workflow);
            timings.containerStarting();
            control.onStop(() -> executor.destroyStep(workflow, step));
            executor.startStep(workflow, step);
            Ended ended = runToEnd(workflow, step, reporter, steps, limits.timeout(), timings);
            control.clearStop();
            if (control.shouldStop()) {
                throw BuildFailure.cancelled(steps.current());
            }
            copyTestOutput(workflow, step, plan, workDir, steps, reporter, timings);
            requireSuccess(ended, steps.current(), limits.timeout());
            long start = Timings.now();
            Path out = workDir.resolve("artifacts");
            boolean present = executor.copyOut(workflow, step, plan.artifactDir(), out);
            Path nextPublic = copyNextPublic(workflow, step, plan, workDir);
            timings.artifacts += Timings.since(start);
            String cacheHash = saveCache(workflow, step, plan, workDir, reporter, timings);
            steps.succeeded();
            return new Built(present ? out : null, cacheHash, nextPublic);
        } catch (MissingImageException e) {
            throw BuildFailure.failed("BUILD", BuildLimits.IMAGE_VARIABLE + " names " + e.image() + ", which is not "
                    + "present on the Docker engine; images are never pulled, so build or load it there first");
        } catch (IOException e) {
            if (control.shouldStop()) {
                throw BuildFailure.cancelled(steps.current());
            }
            throw e;
        } finally {
            control.clearStop();
            executor.destroyStep(workflow, step);
            executor.destroyWorkflow(workflow);
        }
    }

    /** Where {@link #run} leaves the copy of {@code test.artifacts.baseDirectory} once the test phase ran. */
    static Path testOutput(Path workDir) {
        return workDir.resolve("test-output");
    }

    /**
     * Test artifacts are wanted most when the tests failed, so the copy is taken before the outcome is judged; only
     * a test phase that actually started has any. A copy that fails costs the artifacts, never the build.
     */
    private void copyTestOutput(Workflow workflow, Step step, BuildPlan plan, Path workDir, StepTracker steps,
                                JobReporter reporter, Timings timings) {
        if (plan.testArtifactDir() == null || !steps.current().equals("TEST")) {
            return;
        }
        long start = Timings.now();
        try {
            if (!executor.copyOut(workflow, step, plan.testArtifactDir(), testOutput(workDir))) {
                reporter.log("[slipway] The test artifacts directory '" + plan.testArtifactDir()
                        + "' does not exist after the tests; no test artifacts");
            }
        } catch (IOException e) {
            reporter.log("[slipway] Could not copy the test artifacts: " + e.getMessage());
        } finally {
            timings.artifacts += Timings.since(start);
        }
    }

    /** Next's server serves {@code public/} from beside itself, but it is not part of {@code .next}. */
    private Path copyNextPublic(Workflow workflow, Step step, BuildPlan plan, Path workDir) throws IOException {
        if (!NextStandaloneBundle.isNextOutput(plan.artifactDir())) {
            return null;
        }
        String publicDir = plan.appDirectory().isEmpty() ? "public" : plan.appDirectory() + "/public";
        Path local = workDir.resolve("next-public");
        return executor.copyOut(workflow, step, publicDir, local) ? local : null;
    }

    /** Saving the cache is best effort: a build that worked is not failed for its cache. */
    private String saveCache(Workflow workflow, Step step, BuildPlan plan, Path workDir, JobReporter reporter,
                             Timings timings) {
        long start = Timings.now();
        try {
            String hash = cache.save(plan.cachePaths(), (dir, local) -> executor.copyOut(workflow, step,
                    plan.workingDir().isEmpty() ? dir : dir.isEmpty() ? plan.workingDir() : plan.workingDir() + "/" + dir,
                    local), workDir.resolve("scratch"));
            if (hash != null) {
                reporter.log("[slipway] Saved the build cache " + hash.substring(0, 12));
            }
            return hash;
        } catch (IOException | RuntimeException e) {
            reporter.log("[slipway] Could not save the build cache: " + e.getMessage());
            return null;
        } finally {
            timings.cache += Timings.since(start);
        }
    }

    /** The step's outcome and the last {@code !!! Command failed} line it printed, if any. */
    private record Ended(StepOutcome outcome, String failureLine) {
    }

    private Ended runToEnd(Workflow workflow, Step step, JobReporter reporter, StepTracker steps, Duration limit,
                           Timings timings) throws IOException {
        AtomicReference<String> failure = new AtomicReference<>();
        Thread tail = Thread.ofVirtual().name("tail-" + workflow.jobId()).start(() -> {
            try {
                executor.tailStep(workflow, step, line -> {
                    if (line.startsWith(BuildScript.COMMAND_PREFIX)) {
                        timings.firstCommand();
                    } else if (line.startsWith(BuildScript.FAILED_PREFIX)) {
                        failure.set(line);
                    } else if (line.equals(BuildScript.TEST_MARKER)) {
                        steps.testsStarted();
                    }
                    reporter.log(line);
                });
            } catch (IOException e) {
                log.warn("build output of job {} stopped early: {}", workflow.jobId(), e.getMessage());
            }
        });
        StepOutcome outcome = executor.waitStep(workflow, step, limit);
        try {
            tail.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timings.stepEnded();
        return new Ended(outcome, failure.get());
    }

    private void requireSuccess(Ended ended, String stepName, Duration limit) throws BuildFailure {
        StepOutcome outcome = ended.outcome();
        if (outcome.timedOut()) {
            throw BuildFailure.failed(stepName, "Build timed out after " + describe(limit));
        }
        if (outcome.oomKilled()) {
            throw BuildFailure.failed(stepName, "Build ran out of memory (limit " + describeBytes(memoryBytes)
                    + "): the kernel killed a process of the build container (OOMKilled)");
        }
        if (outcome.exitCode() != 0) {
            String line = ended.failureLine();
            throw BuildFailure.failed(stepName, line != null ? line.substring(4)
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
