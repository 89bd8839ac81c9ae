package dev.slipway.controlplane.compute;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.EnvironmentVariables;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.deployment.Deployment;
import dev.slipway.controlplane.deployment.DeploymentService;
import dev.slipway.controlplane.secret.SecretService;
import dev.slipway.protocol.ssr.ComputeRuntime;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What an SSR deployment runs with: the app's environment variables overlaid with the branch's, {@code AWS_APP_ID} and
 * {@code AWS_BRANCH}, then the secrets, read at each (re)start, so a changed variable reaches the server on its next
 * cold start without a rebuild (Amplify bakes them in at build time).
 */
@Service
public class ComputeRuntimes {

    private final DeploymentService deployments;
    private final AppService apps;
    private final BranchService branches;
    private final SecretService secrets;

    ComputeRuntimes(DeploymentService deployments, AppService apps, BranchService branches, SecretService secrets) {
        this.deployments = deployments;
        this.apps = apps;
        this.branches = branches;
        this.secrets = secrets;
    }

    public Optional<ComputeRuntime> runtime(String deploymentId) {
        Optional<Deployment> found = deployments.find(deploymentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Deployment deployment = found.get();
        Optional<Branch> branch = branches.find(deployment.appId(), deployment.branchName());
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        App app = apps.get(deployment.appId());
        Map<String, String> environment = EnvironmentVariables.overlaid(app.environmentVariables(),
                branch.get().environmentVariables());
        environment.put("AWS_APP_ID", app.appId());
        environment.put("AWS_BRANCH", deployment.branchName());
        Map<String, String> secretValues = secrets.forCode(app, branch.get());
        environment.putAll(secretValues);
        return Optional.of(new ComputeRuntime(deploymentId, app.appId(), deployment.branchName(),
                deployment.manifestHash(), environment, new ArrayList<>(secretValues.values()),
                deploymentId.equals(branch.get().activeDeploymentId())));
    }
}
