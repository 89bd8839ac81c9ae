package dev.slipway.controlplane.job;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.EnvironmentVariables;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.cache.BuildCacheService;
import dev.slipway.controlplane.deployment.DeploymentService;
import dev.slipway.controlplane.secret.SecretService;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LiveDeployment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a runner receives with a lease: the job, where to clone from, the environment (reference §2.2) and the
 * decrypted secrets, the only place they leave the control plane.
 */
@Component
class LeasedJobFactory {

    private final AppService apps;
    private final BranchService branches;
    private final SecretService secrets;
    private final BuildCacheService caches;
    private final DeploymentService deployments;
    private final JobRepository jobs;

    LeasedJobFactory(AppService apps, BranchService branches, SecretService secrets, BuildCacheService caches,
                     DeploymentService deployments, JobRepository jobs) {
        this.apps = apps;
        this.branches = branches;
        this.secrets = secrets;
        this.caches = caches;
        this.deployments = deployments;
        this.jobs = jobs;
    }

    LeasedJob create(Job job, String leaseId, long leaseMillis) {
        App app = apps.get(job.appId());
        Branch branch = branches.get(job.appId(), job.branchName());
        Map<String, String> environment = EnvironmentVariables.overlaid(app.environmentVariables(),
                branch.environmentVariables());
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("AWS_APP_ID", app.appId());
        platform.put("AWS_BRANCH", branch.branchName());
        platform.put("AWS_BRANCH_ARN", branch.arn());
        platform.put("AWS_CLONE_URL", app.repository());
        platform.put("AWS_COMMIT_ID", job.commitId() == null ? "HEAD" : job.commitId());
        platform.put("AWS_JOB_ID", String.format("%010d", job.jobNumber()));
        Branch.PullRequestOrigin pullRequest = branch.pullRequest();
        if (pullRequest != null) {
            platform.put("AWS_PULL_REQUEST_ID", Long.toString(pullRequest.number()));
            platform.put("AWS_PULL_REQUEST_SOURCE_BRANCH", pullRequest.sourceBranch());
            platform.put("AWS_PULL_REQUEST_DESTINATION_BRANCH", pullRequest.destinationBranch());
        }
        String buildSpec = branch.buildSpec() != null ? branch.buildSpec() : app.buildSpec();
        return new LeasedJob(job.id(), leaseId, leaseMillis, app.appId(), branch.branchName(), job.jobId(),
                job.jobType(), job.commitId(), app.repository(), buildSpec, environment, platform,
                secrets.forCode(app, branch),
                cacheToRestore(job, branch), app.artifactSecretScan(),
                live(branch));
    }

    private String cacheToRestore(Job job, Branch branch) {
        return caches.toRestore(jobs.clearsCache(job.id()), job.appId(), branch.branchName(),
                () -> branches.list(job.appId()).stream()
                        .filter(candidate -> "PRODUCTION".equals(candidate.stage())).map(Branch::branchName).toList());
    }

    private LiveDeployment live(Branch branch) {
        if (branch.activeDeploymentId() == null) {
            return null;
        }
        return deployments.find(branch.activeDeploymentId())
                .map(d -> new LiveDeployment(d.commitId(), d.manifestHash(), d.fileCount(), d.totalBytes()))
                .orElse(null);
    }
}
