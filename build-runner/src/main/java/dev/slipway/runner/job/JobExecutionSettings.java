package dev.slipway.runner.job;

import java.nio.file.Path;
import java.time.Duration;

import dev.slipway.runner.executor.BuildExecutor;

/**
 * How jobs are executed on this runner.
 *
 * @param executor     where builds run
 * @param workRoot     parent of the per-job work directories ({@code <dataDir>/runner/work})
 * @param buildTimeout a build running longer is killed and FAILED
 * @param memoryBytes  memory limit of a build, 0 for none
 * @param nanoCpus     CPU limit in billionths, 0 for none
 * @param runnerId     for logs
 * @param maxLogBytes  a job's log is cut (with a visible marker) past this size
 */
public record JobExecutionSettings(BuildExecutor executor, Path workRoot, Duration buildTimeout, long memoryBytes,
                                   long nanoCpus, String runnerId, long maxLogBytes) {

    public static final long DEFAULT_MAX_LOG_BYTES = 100L << 20;

    public JobExecutionSettings(BuildExecutor executor, Path workRoot, Duration buildTimeout, long memoryBytes,
                                long nanoCpus, String runnerId) {
        this(executor, workRoot, buildTimeout, memoryBytes, nanoCpus, runnerId, DEFAULT_MAX_LOG_BYTES);
    }
}
