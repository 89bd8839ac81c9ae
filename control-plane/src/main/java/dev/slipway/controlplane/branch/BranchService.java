package dev.slipway.controlplane.branch;

import dev.slipway.controlplane.app.AccessSetting;
import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.BuildSpecCheck;
import dev.slipway.controlplane.app.EnvironmentVariables;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AccessControl;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.Refusal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Connecting branches to apps and changing their settings. */
@Service
public class BranchService {

    /** git check-ref-format's main rules, enough to refuse what git would never create. */
    private static final Pattern VALID_NAME = Pattern.compile("^(?!/|-)(?!.*(\\.\\.|//|@\\{|\\.lock$|/$|\\.$))[^\\x00-\\x20~^:?*\\[\\\\\\x7f]{1,255}$");

    private final BranchRepository branches;
    private final AppService apps;
    private final RouteVersion routes;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final BranchAccessControl accessControls;

    BranchService(BranchRepository branches, AppService apps, RouteVersion routes, TransactionTemplate tx,
            ApplicationEventPublisher events, BranchAccessControl accessControls) {
        this.accessControls = accessControls;
        this.branches = branches;
        this.apps = apps;
        this.routes = routes;
        this.tx = tx;
        this.events = events;
    }

    /**
     * @param basicAuthCredentials base64 of {@code user:password}; stored hashed, never returned
     * @param accessControl        who may see the branch's sites; overrides the app's unless INHERIT; BASIC_AUTH
     *                             is {@code enableBasicAuth} true; null keeps the value
     */
    public record Changes(String branchName, String stage, Boolean enableAutoBuild,
            Map<String, String> environmentVariables, String buildSpec, Boolean enablePullRequestPreview,
            Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableSkewProtection,
            AccessSetting accessControl) {

        /** These changes with {@code accessControl} mapped onto {@code enableBasicAuth} (validated: 400). */
        Changes withAccessMapped() {
            Boolean mapped = AccessSetting.basicAuthFor(accessControl, true);
            if (mapped == null) {
                return this;
            }
            if (enableBasicAuth != null && !mapped.equals(enableBasicAuth)) {
                throw Refusal.invalid("'enableBasicAuth' and 'accessControl.mode' disagree; send one of them.");
            }
            return new Changes(branchName, stage, enableAutoBuild, environmentVariables, buildSpec,
                    enablePullRequestPreview, mapped, basicAuthCredentials, enableSkewProtection, accessControl);
        }

        public Changes(String branchName, String stage, Boolean enableAutoBuild,
                Map<String, String> environmentVariables, String buildSpec, Boolean enablePullRequestPreview,
                Boolean enableBasicAuth, String basicAuthCredentials, Boolean enableSkewProtection) {
            this(branchName, stage, enableAutoBuild, environmentVariables, buildSpec, enablePullRequestPreview,
                    enableBasicAuth, basicAuthCredentials, enableSkewProtection, null);
        }

        /** Sets who may see the branch's sites and nothing else. */
        public static Changes access(AccessSetting setting, String basicAuthCredentials) {
            return new Changes(null, null, null, null, null, null, null, basicAuthCredentials, null, setting);
        }

        /** Connects a branch with the app's defaults. */
        public static Changes connect(String branchName) {
            return new Changes(branchName, null, null, null, null, null, null, null, null);
        }

        /** Sets whether pushes build the branch, whether its pull requests get previews, and skew protection. */
        public static Changes switches(boolean enableAutoBuild, boolean enablePullRequestPreview,
                boolean enableSkewProtection) {
            return new Changes(null, null, enableAutoBuild, null, null, enablePullRequestPreview, null, null,
                    enableSkewProtection);
        }

        /** Turns basic auth for this branch on or off; null credentials keep the stored ones. */
        public static Changes basicAuth(boolean enable, String credentials) {
            return new Changes(null, null, null, null, null, null, enable, credentials, null);
        }

        /** Replaces the branch's environment variable overrides and nothing else. */
        public static Changes environment(Map<String, String> variables) {
            return new Changes(null, null, null, variables, null, null, null, null, null);
        }
    }

    public Branch create(String appId, Changes request) {
        App app = apps.get(appId);
        String name = request.branchName();
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw Refusal.invalid("'branchName' must be a valid git branch name (got '" + name + "').");
        }
        Branch branch = new Branch(appId, name, request.stage() == null ? "NONE" : request.stage(),
                request.enableAutoBuild() != null ? request.enableAutoBuild() : app.enableBranchAutoBuild(),
                EnvironmentVariables.validate(request.environmentVariables()),
                BuildSpecCheck.validate(request.buildSpec(), "buildSpec"), null, false, 0,
                Instant.now(), Instant.now(), Boolean.TRUE.equals(request.enablePullRequestPreview()), null,
                Boolean.TRUE.equals(request.enableSkewProtection()));
        findBySlug(appId, branch.displayName()).ifPresent(existing -> {
            throw Refusal.conflict("Branch '" + existing.branchName() + "' is already connected"
                    + (existing.branchName().equals(name) ? "." : " and uses the same URL prefix '"
                    + branch.displayName() + "'."));
        });
        if (!branches.insert(branch)) {
            throw Refusal.conflict("Branch '" + name + "' is already connected.");
        }
        return get(appId, name);
    }

    public Branch get(String appId, String branchName) {
        return find(appId, branchName).orElseThrow(() -> Refusal.notFound(
                "App '" + appId + "' has no branch '" + branchName + "'."));
    }

    public Optional<Branch> find(String appId, String branchName) {
        return branches.find(appId, branchName);
    }

    public List<Branch> list(String appId) {
        apps.get(appId);
        return branches.findByApp(appId);
    }

    /** The branch names of each of these apps, in one query (apps without branches are absent). */
    public Map<String, List<String>> namesByApp(Collection<String> appIds) {
        return branches.namesByApp(appIds);
    }

    public Branch update(String appId, String branchName, Changes request) {
        Changes changes = request.withAccessMapped();
        Branch current = get(appId, branchName);
        Branch updated = new Branch(appId, branchName,
                changes.stage() != null ? changes.stage() : current.stage(),
                changes.enableAutoBuild() != null ? changes.enableAutoBuild() : current.enableAutoBuild(),
                changes.environmentVariables() != null
                        ? EnvironmentVariables.validate(changes.environmentVariables())
                        : current.environmentVariables(),
                changes.buildSpec() != null ? BuildSpecCheck.validate(changes.buildSpec(), "buildSpec")
                        : current.buildSpec(),
                current.activeDeploymentId(),
                changes.enableBasicAuth() != null ? changes.enableBasicAuth() : current.enableBasicAuth(),
                current.totalNumberOfJobs(), current.createTime(), Instant.now(),
                changes.enablePullRequestPreview() != null
                        ? changes.enablePullRequestPreview() : current.enablePullRequestPreview(),
                current.pullRequest(),
                changes.enableSkewProtection() != null
                        ? changes.enableSkewProtection() : current.enableSkewProtection());
        boolean skewChanged = updated.enableSkewProtection() != current.enableSkewProtection();
        String hash = AccessControl.newHash(changes.enableBasicAuth(), changes.basicAuthCredentials(),
                branches.hasBasicAuthHash(appId, branchName));
        tx.executeWithoutResult(status -> {
            branches.update(updated);
            if (hash != null) {
                branches.updateBasicAuthHash(appId, branchName, hash);
            }
            accessControls.storeBranch(appId, branchName, changes.accessControl(), changes.enableBasicAuth());
            // access control and skew protection are served from the route snapshot: they apply without a rebuild
            if (skewChanged || changes.accessControl() != null
                    || AccessControl.isChanged(changes.enableBasicAuth(), changes.basicAuthCredentials())) {
                branches.copyServingSettingsToPreviews(appId, branchName);
                routes.bumpVersion();
                AfterCommit.run(routes::notifyChanged);
            }
        });
        return updated;
    }

    /**
     * Creates the preview branch of a pull request (stage PULL_REQUEST), or refreshes an existing one, with the base
     * branch's environment variables, build spec and basic auth as they are now. Call inside the transaction that
     * queues its build.
     */
    public Branch createOrRefreshPreview(String appId, String baseBranch, String previewName,
            Branch.PullRequestOrigin pullRequest) {
        Branch base = get(appId, baseBranch);
        Branch preview = new Branch(appId, previewName, "PULL_REQUEST", true, base.environmentVariables(),
                base.buildSpec(), null, base.enableBasicAuth(), 0, Instant.now(), Instant.now(), false, pullRequest,
                base.enableSkewProtection());
        findBySlug(appId, preview.displayName()).filter(other -> !other.branchName().equals(previewName))
                .ifPresent(other -> {
                    throw Refusal.conflict("Branch '" + other.branchName() + "' already uses the URL prefix '"
                            + preview.displayName() + "' that the preview of pull request #" + pullRequest.number()
                            + " needs.");
                });
        if (!branches.insert(preview)) {
            Branch current = get(appId, previewName);
            if (current.pullRequest() == null) {
                throw Refusal.conflict("Branch '" + previewName + "' exists and is not a pull-request preview.");
            }
            branches.update(new Branch(appId, previewName, current.stage(), current.enableAutoBuild(),
                    base.environmentVariables(), base.buildSpec(), current.activeDeploymentId(),
                    current.enableBasicAuth(), current.totalNumberOfJobs(), current.createTime(), Instant.now(), false,
                    current.pullRequest(), base.enableSkewProtection()));
        }
        // the base branch's password (or none, leaving the app's) protects the preview too, with its skew protection
        branches.copyServingSettingsToPreviews(appId, baseBranch);
        routes.bumpVersion();
        AfterCommit.run(routes::notifyChanged);
        return get(appId, previewName);
    }

    /** Preview branches of the app (they count against its preview limit). */
    public int countPreviews(String appId) {
        return branches.countPreviews(appId);
    }

    public Branch delete(String appId, String branchName) {
        Branch branch = get(appId, branchName);
        // Joins the caller's transaction when there is one (webhook intake removing a preview), so edges are woken
        // only after the outer commit.
        tx.executeWithoutResult(status -> {
            events.publishEvent(new BranchRemoving(appId, branchName));
            branches.delete(appId, branchName);
            routes.bumpVersion();
            AfterCommit.run(routes::notifyChanged);
        });
        return branch;
    }

    /** Next per-branch job number; call inside the transaction that inserts the job. */
    public long reserveJobNumber(String appId, String branchName) {
        return branches.nextJobNumber(appId, branchName);
    }

    /**
     * Next per-branch job number, reserved in a short transaction of its own before the one that inserts the job.
     * Holding the branch row only that long lets concurrent deliveries to one branch commit in parallel instead of
     * queueing on the row (bench/webhook-intake); a job that is then not inserted leaves a gap in the numbers.
     * Call outside any transaction.
     */
    public long reserveJobNumberAhead(String appId, String branchName) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("reserveJobNumberAhead runs its own transaction; call it before yours");
        }
        Long number = tx.execute(status -> branches.nextJobNumberAsyncCommit(appId, branchName));
        return number == null ? 0 : number;
    }

    /** Points the branch at a deployment; call inside a transaction that also bumps the route version. */
    public void activate(String appId, String branchName, String deploymentId) {
        if (!branches.activate(appId, branchName, deploymentId)) {
            throw Refusal.notFound("App '" + appId + "' has no branch '" + branchName + "'.");
        }
    }

    private Optional<Branch> findBySlug(String appId, String slug) {
        return branches.findByApp(appId).stream().filter(b -> b.displayName().equals(slug)).findFirst();
    }
}
