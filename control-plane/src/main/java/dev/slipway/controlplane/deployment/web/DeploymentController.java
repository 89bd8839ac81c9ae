package dev.slipway.controlplane.deployment.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.deployment.Deployment;
import dev.slipway.controlplane.deployment.DeploymentService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A branch's deployments, newest first, and activation (rollback / roll-forward without rebuilding). */
@RestController
@RequestMapping("/api/v1/apps/{appId}/branches/{branchName}/deployments")
@RequiresRole(Role.VIEWER)
class DeploymentController {

    private final DeploymentService deployments;
    private final BranchService branches;

    DeploymentController(DeploymentService deployments, BranchService branches) {
        this.deployments = deployments;
        this.branches = branches;
    }

    @GetMapping
    Map<String, List<DeploymentView>> list(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam(defaultValue = "50") int maxResults) {
        String active = branches.get(appId, branchName).activeDeploymentId();
        return Map.of("deployments", deployments.list(appId, branchName, maxResults).stream()
                .map(d -> DeploymentView.of(d, d.deploymentId().equals(active))).toList());
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/{deploymentId}/activate")
    Map<String, DeploymentView> activate(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String deploymentId) {
        return Map.of("deployment", DeploymentView.of(deployments.activate(appId, branchName, deploymentId), true));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeploymentView(String deploymentId, String jobId, String commitId, boolean active, int fileCount,
            long totalBytes, Instant createTime) {
        static DeploymentView of(Deployment d, boolean active) {
            return new DeploymentView(d.deploymentId(), Long.toString(d.jobNumber()), d.commitId(), active,
                    d.fileCount(), d.totalBytes(), d.createTime());
        }
    }
}
