package dev.slipway.protocol.runner;

/**
 * The outcome of a job.
 *
 * @param status     SUCCEED, FAILED or CANCELLED
 * @param reason     a sentence a person can act on when the job did not succeed, else null
 * @param deployment what to deploy; required with SUCCEED, null otherwise
 * @param cacheHash  blob (tar) of the build's {@code cache.paths}, already in the blob store, to restore in the
 *                   branch's next build; null when the build cached nothing (added in issue 3)
 * @param detectedBuildSpec the build spec the runner generated for a detected framework (no amplify.yml and no
 *                   stored spec), null otherwise
 * @param testArtifacts what the test phase left ({@code test.artifacts}), collected whether the tests passed or
 *                   failed; null when no test phase ran or it declared no artifacts
 */
public record JobCompletion(String status, String reason, DeploymentUpload deployment, String cacheHash,
                            String detectedBuildSpec, TestArtifactsUpload testArtifacts) {

    public JobCompletion(String status, String reason, DeploymentUpload deployment, String cacheHash,
                         String detectedBuildSpec) {
        this(status, reason, deployment, cacheHash, detectedBuildSpec, null);
    }

    public JobCompletion(String status, String reason, DeploymentUpload deployment) {
        this(status, reason, deployment, null);
    }

    public JobCompletion(String status, String reason, DeploymentUpload deployment, String cacheHash) {
        this(status, reason, deployment, cacheHash, null);
    }

    public JobCompletion withDetectedBuildSpec(String spec) {
        return new JobCompletion(status, reason, deployment, cacheHash, spec, testArtifacts);
    }

    public JobCompletion withTestArtifacts(TestArtifactsUpload artifacts) {
        return new JobCompletion(status, reason, deployment, cacheHash, detectedBuildSpec, artifacts);
    }

    /**
     * @param manifestHash sha256 of the deployment manifest blob already written to the blob store
     * @param fileCount    files in the manifest
     * @param totalBytes   sum of the file sizes
     */
    public record DeploymentUpload(String manifestHash, int fileCount, long totalBytes) {
    }
}
