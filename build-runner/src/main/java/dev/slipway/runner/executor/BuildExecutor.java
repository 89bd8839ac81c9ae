package dev.slipway.runner.executor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs the build of one job somewhere isolated: a container, a local process, later a Kubernetes pod. Shaped like
 * Woodpecker's backend ({@code pipeline/backend/types/backend.go}).
 *
 * <p><b>Lifecycle</b> per job: {@link #setupWorkflow} once, then per step {@link #startStep}, {@link #tailStep} (on its
 * own thread, concurrently with) {@link #waitStep}, optionally {@link #copyOut}, then {@link #destroyStep}; finally
 * {@link #destroyWorkflow} in a {@code finally} block whatever happened before.
 *
 * <p><b>Threads</b>: one instance serves many jobs concurrently; all state of a job lives in its {@link Workflow}.
 * {@link #destroyStep} may be called from another thread at any time (cancel, lost lease) and makes a running
 * {@link #waitStep} and {@link #tailStep} return promptly.
 *
 * <p><b>Idempotency</b>: {@link #destroyStep} and {@link #destroyWorkflow} may be called repeatedly, before or after
 * the step started, and never throw for resources that are already gone.
 *
 * <p><b>Failures</b>: a failing build (non-zero exit, out of memory, timeout) is data in {@link StepOutcome}; an
 * {@link IOException} means the platform failed (engine unreachable, image missing).
 */
public interface BuildExecutor {

    /** Short name for logs: {@code docker}, {@code local}. */
    String name();

    /** Whether this executor can run builds on this machine now (engine answers, tools present). Cheap, no side effects. */
    boolean isAvailable();

    /** Prepares shared resources of a job (checks the image, scratch space). */
    void setupWorkflow(Workflow workflow) throws IOException;

    /**
     * Creates and starts the step: the workflow's source becomes the workspace, the step's script is run with bash in
     * {@code workspace/<workingDir>} with exactly the step's environment added. Returns once the script runs.
     */
    void startStep(Workflow workflow, Step step) throws IOException;

    /**
     * Streams the step's output (stdout and stderr) line by line, in order, to {@code lines}; blocks until the output
     * ends (the step finished or was destroyed). A last line without a newline is delivered too.
     */
    void tailStep(Workflow workflow, Step step, Consumer<String> lines) throws IOException;

    /**
     * Waits for the step to finish, at most {@code timeout}; on timeout the step is killed and removed and the outcome
     * says {@link StepOutcome#timedOut()}.
     */
    StepOutcome waitStep(Workflow workflow, Step step, Duration timeout) throws IOException;

    /**
     * Copies the directory {@code workspacePath} (relative to the workspace root; empty for the root) of a finished
     * step to {@code localDir}, which is created. Entries escaping {@code localDir} are skipped.
     *
     * @return false when the directory does not exist
     */
    boolean copyOut(Workflow workflow, Step step, String workspacePath, Path localDir) throws IOException;

    /** Stops (kills) and removes the step. Idempotent, thread-safe. */
    void destroyStep(Workflow workflow, Step step);

    /** Removes everything the workflow created. Idempotent; call in {@code finally}. */
    void destroyWorkflow(Workflow workflow);
}
