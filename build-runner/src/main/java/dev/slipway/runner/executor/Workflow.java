package dev.slipway.runner.executor;

import java.nio.file.Path;

/**
 * One job's build as an executor sees it.
 *
 * @param jobId      the control plane's job id (labels, names)
 * @param sourceDir  the checked-out repository; becomes the workspace
 * @param scratchDir a private directory of the job for the executor's files (script, archives)
 */
public record Workflow(long jobId, Path sourceDir, Path scratchDir) {
}
