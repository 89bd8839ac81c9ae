package dev.slipway.runner.support;

import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.Step;
import dev.slipway.runner.executor.StepOutcome;
import dev.slipway.runner.executor.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link BuildExecutor} that plays a script instead of running one, for the runner's failure and cleanup paths in
 * milliseconds (as Woodpecker's dummy backend): the lines the step prints, how it ends, and which call fails. Every
 * call is recorded, so tests can check that steps and workflows are destroyed whatever happened. {@link #hang()} makes
 * the step run until it is destroyed, as a cancelled or timed-out build does.
 */
public final class ScriptedExecutor implements BuildExecutor {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, IOException> failures = new HashMap<>();
    private final Map<String, String> directories = new HashMap<>();
    private StepOutcome outcome = new StepOutcome(0, false, false);
    private boolean hang;
    private final CountDownLatch destroyed = new CountDownLatch(1);

    public ScriptedExecutor prints(String... printed) {
        lines.addAll(List.of(printed));
        return this;
    }

    public ScriptedExecutor endsWith(StepOutcome ended) {
        this.outcome = ended;
        return this;
    }

    /** The step runs until {@link #destroyStep} (or its timeout, which then reports {@code timedOut}). */
    public ScriptedExecutor hang() {
        this.hang = true;
        return this;
    }

    /**
     * {@code call} throws: {@code setupWorkflow}, {@code startStep}, {@code tailStep}, {@code waitStep}, {@code copyOut}
     * (every copy) or {@code copyOut <path>} (that one).
     */
    public ScriptedExecutor failsAt(String call, IOException failure) {
        failures.put(call, failure);
        return this;
    }

    /** A directory of the workspace {@link #copyOut} finds, holding one file with {@code content}. */
    public ScriptedExecutor hasDirectory(String workspacePath, String content) {
        directories.put(workspacePath, content);
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public void setupWorkflow(Workflow workflow) throws IOException {
        call("setupWorkflow");
    }

    @Override
    public void startStep(Workflow workflow, Step step) throws IOException {
        call("startStep");
    }

    @Override
    public void tailStep(Workflow workflow, Step step, Consumer<String> output) throws IOException {
        lines.forEach(output);
        call("tailStep");
    }

    @Override
    public StepOutcome waitStep(Workflow workflow, Step step, Duration timeout) throws IOException {
        call("waitStep");
        if (!hang) {
            return outcome;
        }
        try {
            if (destroyed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new StepOutcome(137, false, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new StepOutcome(137, false, true);
    }

    @Override
    public boolean copyOut(Workflow workflow, Step step, String workspacePath, Path localDir) throws IOException {
        call("copyOut " + workspacePath);
        String content = directories.get(workspacePath);
        if (content == null) {
            return false;
        }
        Files.createDirectories(localDir);
        Files.writeString(localDir.resolve("file.txt"), content);
        return true;
    }

    @Override
    public void destroyStep(Workflow workflow, Step step) {
        calls.add("destroyStep");
        destroyed.countDown();
    }

    @Override
    public void destroyWorkflow(Workflow workflow) {
        calls.add("destroyWorkflow");
    }

    private void call(String name) throws IOException {
        calls.add(name);
        IOException failure = failures.getOrDefault(name, failures.get(name.split(" ")[0]));
        if (failure != null) {
            throw failure;
        }
    }
}
