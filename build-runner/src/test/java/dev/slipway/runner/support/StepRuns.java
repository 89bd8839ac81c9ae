package dev.slipway.runner.support;

import java.time.Duration;
import java.util.List;

import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.Step;
import dev.slipway.runner.executor.StepOutcome;
import dev.slipway.runner.executor.Workflow;

/** Runs one step through an executor as the runner does: set up, start, tail on its own thread, wait. */
public final class StepRuns {

    private StepRuns() {
    }

    /** Output lines go to {@code lines}; a failing tail adds a {@code TAIL FAILED} line instead of throwing. */
    public static StepOutcome run(BuildExecutor executor, Workflow workflow, Step step, List<String> lines,
                                  Duration timeout) throws Exception {
        executor.setupWorkflow(workflow);
        executor.startStep(workflow, step);
        Thread tail = Thread.ofVirtual().start(() -> {
            try {
                executor.tailStep(workflow, step, lines::add);
            } catch (Exception e) {
                lines.add("TAIL FAILED " + e);
            }
        });
        StepOutcome outcome = executor.waitStep(workflow, step, timeout);
        tail.join(Duration.ofSeconds(10));
        return outcome;
    }
}
