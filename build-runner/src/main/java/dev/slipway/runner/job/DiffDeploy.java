package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.slipway.protocol.buildspec.AppRoot;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LiveDeployment;
import dev.slipway.runner.git.CommitDiff;
import dev.slipway.runner.spec.BuildPlan;

/**
 * Amplify's diff-based frontend deploy (reference §1.4): with {@value #VARIABLE}{@code =true} a job whose watched
 * directory did not change since the branch's live deployment skips build, test and deploy, and the live files
 * stay. The watched directory is {@value #ROOT_VARIABLE}, else the monorepo app's root, else {@code src} as in
 * Amplify. A retry (a person asking for that build again) always builds; so does anything that cannot be compared.
 */
final class DiffDeploy {

    static final String VARIABLE = "AMPLIFY_DIFF_DEPLOY";
    static final String ROOT_VARIABLE = "AMPLIFY_DIFF_DEPLOY_ROOT";
    private static final String DEFAULT_ROOT = "src";

    private DiffDeploy() {
    }

    /** @return the live deployment to keep when nothing watched changed, else empty (build as usual) */
    static Optional<LiveDeployment> unchanged(LeasedJob job, BuildPlan plan, Path source, JobReporter reporter) {
        Map<String, String> environment = plan.environment();
        if (!"true".equalsIgnoreCase(environment.getOrDefault(VARIABLE, "").strip()) || "RETRY".equals(job.jobType())) {
            return Optional.empty();
        }
        LiveDeployment live = job.live();
        if (live == null || live.commitId() == null) {
            reporter.log("[slipway] " + VARIABLE + ": the branch has no deployment of a known commit yet; building");
            return Optional.empty();
        }
        String root = watched(environment.get(ROOT_VARIABLE), plan.workingDir());
        if (Arrays.asList(root.split("/")).contains("..")) {
            reporter.log("[slipway] " + ROOT_VARIABLE + " '" + root + "' points outside the repository; building");
            return Optional.empty();
        }
        String shown = root.isEmpty() ? "the repository" : root + "/";
        try {
            if (CommitDiff.changedSince(source, live.commitId(), root)) {
                reporter.log("[slipway] " + VARIABLE + ": " + shown + " changed since " + live.commitId()
                        + "; building");
                return Optional.empty();
            }
        } catch (IOException e) {
            reporter.log("[slipway] " + VARIABLE + ": " + e.getMessage() + "; building");
            return Optional.empty();
        }
        reporter.log("[slipway] " + VARIABLE + ": nothing changed under " + shown + " since " + live.commitId()
                + ", the commit of the live deployment: build, test and deploy are skipped and the live files stay"
                + " (" + ROOT_VARIABLE + " chooses the directory to watch)");
        return Optional.of(live);
    }

    /** {@code /dist/} and {@code dist} watch the same directory; {@code /} or {@code .} watch the repository. */
    static String watched(String configured, String workingDir) {
        String root = AppRoot.normalise(configured);
        if (root == null) {
            return workingDir.isEmpty() ? DEFAULT_ROOT : workingDir;
        }
        return root.equals(AppRoot.REPOSITORY_ROOT) ? "" : root;
    }
}
