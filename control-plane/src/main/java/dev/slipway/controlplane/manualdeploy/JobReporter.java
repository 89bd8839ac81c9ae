package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.StepReport;
import java.util.List;

/**
 * A MANUAL job's log lines and steps, reported through the job queue exactly as a runner reports a build's (under
 * the lease, lines numbered from 0 per lease), so the jobs API, log streams and console show them the same way.
 */
final class JobReporter {

    private final JobQueue queue;
    private final long jobId;
    private final String leaseId;
    private long nextLine;

    JobReporter(JobQueue queue, JobQueue.Lease lease) {
        this.queue = queue;
        this.jobId = lease.job().id();
        this.leaseId = lease.leaseId();
    }

    void log(String line) {
        queue.appendLogs(jobId, leaseId, new LogBatch(nextLine, List.of("[slipway] " + line)));
        nextLine++;
    }

    void step(String name, String status, String reason) {
        queue.reportStep(jobId, leaseId, new StepReport(name, status, reason, null, null));
    }
}
