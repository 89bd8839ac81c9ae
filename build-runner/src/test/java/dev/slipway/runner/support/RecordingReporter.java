package dev.slipway.runner.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.job.JobReporter;

/** Captures what a job reports. */
public final class RecordingReporter implements JobReporter {

    public final List<StepReport> steps = new CopyOnWriteArrayList<>();
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<JobCompletion> completions = new CopyOnWriteArrayList<>();

    @Override
    public void step(StepReport report) {
        steps.add(report);
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public void complete(JobCompletion completion) {
        completions.add(completion);
    }

    public String log() {
        return String.join("\n", lines);
    }
}
