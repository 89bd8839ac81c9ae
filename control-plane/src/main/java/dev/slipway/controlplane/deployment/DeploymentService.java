package dev.slipway.controlplane.deployment;

import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.RandomIds;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deployments are recorded once and never change; going live, rollback and roll-forward are the same single pointer
 * update on the branch, committed together with a route version bump so edges pick it up on their next poll.
 */
@Service
public class DeploymentService {

    private final DeploymentRepository deployments;
    private final BranchService branches;
    private final RouteVersion routes;
    private final BlobStore blobs;
    private final TransactionTemplate tx;

    DeploymentService(DeploymentRepository deployments, BranchService branches, RouteVersion routes, BlobStore blobs,
            TransactionTemplate tx) {
        this.deployments = deployments;
        this.branches = branches;
        this.routes = routes;
        this.blobs = blobs;
        this.tx = tx;
    }

    /** Any deployment by id, whichever app and branch it belongs to (compute hosts know only the id). */
    public Optional<Deployment> find(String deploymentId) {
        return deployments.find(deploymentId);
    }

    /** @param deploymentId the new live deployment, or null with a {@code failure} a person can act on */
    public record Outcome(String deploymentId, String failure) {
    }

    /** Records a successful build's deployment and makes it live; runs inside the job completion transaction. */
    public Outcome deploy(long jobId, String appId, String branchName, String commitId, DeploymentUpload upload) {
        if (upload == null || upload.manifestHash() == null) {
            return new Outcome(null, "The runner reported success without a deployment");
        }
        Boolean serverSide;
        try {
            serverSide = DeploymentManifest.fromJson(blobs.read(upload.manifestHash())).isSsr();
        } catch (NoSuchFileException e) {
            return new Outcome(null, "The deployment manifest " + upload.manifestHash()
                    + " is not in the blob store; the runner and the control plane must share one");
        } catch (IOException | RuntimeException e) {
            // skew protection then counts it as static (pinnable by age); serving will say what is wrong with it
            serverSide = null;
        }
        String deploymentId = RandomIds.deploymentId();
        deployments.insert(deploymentId, jobId, appId, branchName, commitId, upload.manifestHash(), upload.fileCount(),
                upload.totalBytes(), serverSide);
        goLive(appId, branchName, deploymentId);
        return new Outcome(deploymentId, null);
    }

    public Optional<String> deploymentIdOfJob(long jobId) {
        return deployments.idOfJob(jobId);
    }

    /** The custom headers (customHttp.yml) that the branch's live deployment serves; none when nothing is live. */
    public CustomHeaders liveHeaders(String appId, String branchName) {
        String live = branches.get(appId, branchName).activeDeploymentId();
        if (live == null) {
            return CustomHeaders.NONE;
        }
        return deployments.find(appId, branchName, live).map(deployment -> {
            try {
                return DeploymentManifest.fromJson(blobs.read(deployment.manifestHash())).headers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(CustomHeaders.NONE);
    }

    public List<Deployment> list(String appId, String branchName, int limit) {
        branches.get(appId, branchName);
        return deployments.list(appId, branchName, Math.clamp(limit, 1, 1000));
    }

    /** Rollback or roll-forward: no rebuild, one pointer update. */
    public Deployment activate(String appId, String branchName, String deploymentId) {
        Deployment deployment = deployments.find(appId, branchName, deploymentId).orElseThrow(() ->
                Refusal.notFound("Branch '" + branchName + "' has no deployment '" + deploymentId + "'."));
        tx.executeWithoutResult(status -> goLive(appId, branchName, deploymentId));
        return deployment;
    }

    private void goLive(String appId, String branchName, String deploymentId) {
        branches.activate(appId, branchName, deploymentId);
        routes.bumpVersion();
        AfterCommit.run(routes::notifyChanged);
    }
}
