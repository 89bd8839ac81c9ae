package dev.slipway.protocol.runner;

/**
 * The outcome of a job.
 *
 * @param status     SUCCEED, FAILED or CANCELLED
 * @param reason     a sentence a person can act on when the job did not succeed, else null
 * @param deployment what to deploy; required with SUCCEED, null otherwise
 */
public record JobCompletion(String status, String reason, DeploymentUpload deployment) {

    /**
     * @param manifestHash sha256 of the deployment manifest blob already written to the blob store
     * @param fileCount    files in the manifest
     * @param totalBytes   sum of the file sizes
     */
    public record DeploymentUpload(String manifestHash, int fileCount, long totalBytes) {
    }
}
