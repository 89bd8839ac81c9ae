package dev.slipway.runner.job;

import dev.slipway.protocol.runner.StepReport;

/**
 * Which of Amplify's steps the build container is in. Build and tests run in one container (so the tests see the
 * build's files and shell state); the script's {@code ## Starting Test} line, seen on the output-tailing thread,
 * ends BUILD and starts TEST. Reports go to the job's reporter from that thread while the job's own thread only
 * waits for the container, so reports stay in order.
 */
final class StepTracker {

    private final JobReporter reporter;
    private volatile String current = "BUILD";

    StepTracker(JobReporter reporter) {
        this.reporter = reporter;
    }

    String current() {
        return current;
    }

    void testsStarted() {
        if (current.equals("BUILD")) {
            reporter.step(new StepReport("BUILD", "SUCCEED", null, null, null));
            current = "TEST";
            reporter.step(new StepReport("TEST", "RUNNING", null, null, null));
        }
    }

    void succeeded() {
        reporter.step(new StepReport(current, "SUCCEED", null, null, null));
    }
}
