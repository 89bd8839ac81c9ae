package dev.slipway.protocol.runner;

import java.util.Map;

/**
 * A job handed to one runner for the duration of a lease.
 *
 * @param jobId               the control plane's internal id of the job, used in runner API paths
 * @param leaseId             identifies this lease; sent back in {@link RunnerApi#LEASE_HEADER}
 * @param leaseMillis         how long the lease lasts without a heartbeat
 * @param appId               Amplify-style app id ({@code d...})
 * @param branchName          git branch being built
 * @param jobNumber           the per-branch job id users see ("1", "2", ...)
 * @param jobType             RELEASE, RETRY, MANUAL or WEB_HOOK
 * @param commitId            the commit to build, or null to build the branch head
 * @param repository          clone URL of the app's configured repository (never taken from a webhook payload)
 * @param buildSpec           build spec stored on the branch or the app (branch wins), or null; a repository
 *                            {@code amplify.yml} takes precedence over it
 * @param environment         user variables, app variables overlaid by branch variables
 * @param platformEnvironment variables the platform sets ({@code AWS_APP_ID}, {@code AWS_BRANCH}, {@code AWS_JOB_ID}, ...);
 *                            they win over everything else
 * @param secrets             decrypted build secrets, app secrets overlaid by branch secrets (added in issue 3; absent
 *                            from older control planes, then null). The runner injects them as environment variables
 *                            of the build container only, masks them in every log line, and never logs them itself
 * @param cacheHash           blob (a tar of {@code cache.paths}) to restore before the build: the branch's last cache,
 *                            else the production branch's; null for none or when the job clears the cache (issue 3)
 * @param artifactSecretScan  whether the runner scans artifacts for secret values before deploying them (the app's
 *                            {@code artifactSecretScan} setting; absent from older control planes, then true). Log
 *                            masking stays on either way
 * @param live                the branch's live deployment, or null when it has none (absent from older control
 *                            planes, then null): {@code AMPLIFY_DIFF_DEPLOY} compares with it
 */
public record LeasedJob(
        long jobId,
        String leaseId,
        long leaseMillis,
        String appId,
        String branchName,
        String jobNumber,
        String jobType,
        String commitId,
        String repository,
        String buildSpec,
        Map<String, String> environment,
        Map<String, String> platformEnvironment,
        Map<String, String> secrets,
        String cacheHash,
        Boolean artifactSecretScan,
        LiveDeployment live) {

    public LeasedJob {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        artifactSecretScan = artifactSecretScan == null || artifactSecretScan;
    }

    /** Without a live deployment to compare with. */
    public LeasedJob(long jobId, String leaseId, long leaseMillis, String appId, String branchName, String jobNumber,
                     String jobType, String commitId, String repository, String buildSpec,
                     Map<String, String> environment, Map<String, String> platformEnvironment,
                     Map<String, String> secrets, String cacheHash, Boolean artifactSecretScan) {
        this(jobId, leaseId, leaseMillis, appId, branchName, jobNumber, jobType, commitId, repository, buildSpec,
                environment, platformEnvironment, secrets, cacheHash, artifactSecretScan, null);
    }

    /** Before the per-app scan opt-out: artifacts are always scanned. */
    public LeasedJob(long jobId, String leaseId, long leaseMillis, String appId, String branchName, String jobNumber,
                     String jobType, String commitId, String repository, String buildSpec,
                     Map<String, String> environment, Map<String, String> platformEnvironment,
                     Map<String, String> secrets, String cacheHash) {
        this(jobId, leaseId, leaseMillis, appId, branchName, jobNumber, jobType, commitId, repository, buildSpec,
                environment, platformEnvironment, secrets, cacheHash, true);
    }

    /** Whether artifacts are scanned for secret values before they are stored (never null: see the constructor). */
    public boolean scansArtifacts() {
        return artifactSecretScan;
    }

    /** The walking skeleton's shape: no secrets, no cache. */
    public LeasedJob(long jobId, String leaseId, long leaseMillis, String appId, String branchName, String jobNumber,
                     String jobType, String commitId, String repository, String buildSpec,
                     Map<String, String> environment, Map<String, String> platformEnvironment) {
        this(jobId, leaseId, leaseMillis, appId, branchName, jobNumber, jobType, commitId, repository, buildSpec,
                environment, platformEnvironment, Map.of(), null);
    }

    /** Never prints secret values (records print every component by default). */
    @Override
    public String toString() {
        return "LeasedJob[jobId=" + jobId + ", appId=" + appId + ", branchName=" + branchName + ", jobNumber="
                + jobNumber + ", secrets=" + secrets.keySet() + ", artifactSecretScan=" + artifactSecretScan + "]";
    }
}
