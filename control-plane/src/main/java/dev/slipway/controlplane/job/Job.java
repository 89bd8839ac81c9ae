package dev.slipway.controlplane.job;

import java.time.Instant;

/**
 * One build of a branch. {@code id} is internal (runner API); users see {@code jobNumber} ("1", "2", ... per branch).
 */
public record Job(
        long id,
        String appId,
        String branchName,
        long jobNumber,
        String jobType,
        JobStatus status,
        String statusReason,
        String commitId,
        String commitMessage,
        Instant commitTime,
        Instant createTime,
        Instant startTime,
        Instant endTime) {

    public String jobId() {
        return Long.toString(jobNumber);
    }
}
