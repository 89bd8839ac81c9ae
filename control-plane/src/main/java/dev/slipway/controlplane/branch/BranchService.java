package dev.slipway.controlplane.branch;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.EnvironmentVariables;
import dev.slipway.controlplane.route.RouteFeed;
import dev.slipway.controlplane.support.AccessControl;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Connecting branches to apps and changing their settings. */
@Service
public class BranchService {

    /** git check-ref-format's main rules, enough to refuse what git would never create. */
    private static final Pattern VALID_NAME = Pattern.compile("^(?!/|-)(?!.*(\\.\\.|//|@\\{|\\.lock$|/$|\\.$))[^\\x00-\\x20~^:?*\\[\\\\\\x7f]{1,255}$");

    private final BranchRepository branches;
    private final AppService apps;
    private final RouteFeed routes;
    private final TransactionTemplate tx;

    BranchService(BranchRepository branches, AppService apps, RouteFeed routes, TransactionTemplate tx) {
        this.branches = branches;
        this.apps = apps;
        this.routes = routes;
        this.tx = tx;
    }

    /** @param basicAuthCredentials base64 of {@code user:password}; stored hashed, never returned */
    public record Changes(String branchName, String stage, Boolean enableAutoBuild,
            Map<String, String> environmentVariables, String buildSpec, Boolean enableBasicAuth,
            String basicAuthCredentials) {

        /** The fields before basic auth existed (callers such as the console's connect form). */
        public Changes(String branchName, String stage, Boolean enableAutoBuild,
                Map<String, String> environmentVariables, String buildSpec) {
            this(branchName, stage, enableAutoBuild, environmentVariables, buildSpec, null, null);
        }
    }

    public Branch create(String appId, Changes request) {
        App app = apps.get(appId);
        String name = request.branchName();
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("'branchName' must be a valid git branch name (got '" + name + "').");
        }
        Branch branch = new Branch(appId, name, request.stage() == null ? "NONE" : request.stage(),
                request.enableAutoBuild() != null ? request.enableAutoBuild() : app.enableBranchAutoBuild(),
                EnvironmentVariables.validate(request.environmentVariables()), request.buildSpec(), null, false, 0,
                Instant.now(), Instant.now());
        findBySlug(appId, branch.displayName()).ifPresent(existing -> {
            throw ApiException.conflict("Branch '" + existing.branchName() + "' is already connected"
                    + (existing.branchName().equals(name) ? "." : " and uses the same URL prefix '"
                    + branch.displayName() + "'."));
        });
        if (!branches.insert(branch)) {
            throw ApiException.conflict("Branch '" + name + "' is already connected.");
        }
        return get(appId, name);
    }

    public Branch get(String appId, String branchName) {
        return find(appId, branchName).orElseThrow(() -> ApiException.notFound(
                "App '" + appId + "' has no branch '" + branchName + "'."));
    }

    public Optional<Branch> find(String appId, String branchName) {
        return branches.find(appId, branchName);
    }

    public List<Branch> list(String appId) {
        apps.get(appId);
        return branches.findByApp(appId);
    }

    public Branch update(String appId, String branchName, Changes changes) {
        Branch current = get(appId, branchName);
        Branch updated = new Branch(appId, branchName,
                changes.stage() != null ? changes.stage() : current.stage(),
                changes.enableAutoBuild() != null ? changes.enableAutoBuild() : current.enableAutoBuild(),
                changes.environmentVariables() != null
                        ? EnvironmentVariables.validate(changes.environmentVariables())
                        : current.environmentVariables(),
                changes.buildSpec() != null ? changes.buildSpec() : current.buildSpec(),
                current.activeDeploymentId(),
                changes.enableBasicAuth() != null ? changes.enableBasicAuth() : current.enableBasicAuth(),
                current.totalNumberOfJobs(), current.createTime(), Instant.now());
        String hash = AccessControl.newHash(changes.enableBasicAuth(), changes.basicAuthCredentials(),
                branches.hasBasicAuthHash(appId, branchName));
        tx.executeWithoutResult(status -> {
            branches.update(updated);
            if (hash != null) {
                branches.updateBasicAuthHash(appId, branchName, hash);
            }
            // access control is served from the route snapshot, so it applies without a rebuild
            if (AccessControl.isChanged(changes.enableBasicAuth(), changes.basicAuthCredentials())) {
                routes.bumpVersion();
                AfterCommit.run(routes::notifyChanged);
            }
        });
        return updated;
    }

    public Branch delete(String appId, String branchName) {
        Branch branch = get(appId, branchName);
        tx.executeWithoutResult(status -> {
            branches.delete(appId, branchName);
            routes.bumpVersion();
        });
        routes.notifyChanged();
        return branch;
    }

    /** Next per-branch job number; call inside the transaction that inserts the job. */
    public long reserveJobNumber(String appId, String branchName) {
        return branches.nextJobNumber(appId, branchName);
    }

    /** Points the branch at a deployment; call inside a transaction that also bumps the route version. */
    public void activate(String appId, String branchName, String deploymentId) {
        if (!branches.activate(appId, branchName, deploymentId)) {
            throw ApiException.notFound("App '" + appId + "' has no branch '" + branchName + "'.");
        }
    }

    private Optional<Branch> findBySlug(String appId, String slug) {
        return branches.findByApp(appId).stream().filter(b -> b.displayName().equals(slug)).findFirst();
    }
}
