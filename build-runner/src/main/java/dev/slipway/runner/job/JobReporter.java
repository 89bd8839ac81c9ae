package dev.slipway.runner.job;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.StepReport;

/**
 * Where a running job's progress goes: the control plane over HTTP in production, a recorder in tests.
 *
 * <p>Called from the job's thread only, in order: any number of {@link #step} and {@link #log}, then {@link #complete}
 * exactly once (or never, when the job was abandoned). Implementations must not throw for delivery problems: they
 * retry, buffer, or drop once the lease is lost.
 */
public interface JobReporter {

    /** A step changed state. May block briefly while delivering. */
    void step(StepReport report);

    /** One line of the build log. Must not block on the network. */
    void log(String line);

    /** The job's outcome. Blocks until delivered (logs first) or until delivery is hopeless. */
    void complete(JobCompletion completion);
}
