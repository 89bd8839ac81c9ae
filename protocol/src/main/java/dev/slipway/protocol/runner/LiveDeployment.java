package dev.slipway.protocol.runner;

/**
 * The deployment a branch serves when one of its jobs is leased: what {@code AMPLIFY_DIFF_DEPLOY} compares the new
 * commit with, and what the job deploys again when nothing it watches changed.
 *
 * @param commitId     the commit it was built from, or null when not known
 * @param manifestHash its manifest blob
 * @param fileCount    files in the manifest
 * @param totalBytes   sum of the file sizes
 */
public record LiveDeployment(String commitId, String manifestHash, int fileCount, long totalBytes) {

    /** The same files, reported as a new job's deployment (the hosted site stays as it is). */
    public JobCompletion.DeploymentUpload asUpload() {
        return new JobCompletion.DeploymentUpload(manifestHash, fileCount, totalBytes);
    }
}
