package dev.slipway.runner.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedMap;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.Artifacts;
import dev.slipway.protocol.buildspec.LiveUpdates;
import dev.slipway.protocol.buildspec.TestArtifacts;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.runner.ssr.AmplifyHostingBundle;
import dev.slipway.runner.ssr.NextStandaloneBundle;

/**
 * What to run and what to collect for one job, in workspace terms (paths relative to the repository root, forward
 * slashes, empty = the root).
 *
 * @param script        the bash script of all phases
 * @param workingDir    where the script starts: {@code buildpath} when set, else the monorepo app root, else the root
 * @param baseDirectory {@code artifacts.baseDirectory} as written (for messages)
 * @param artifactDir   baseDirectory resolved against the working dir; without a baseDirectory, the
 *                      {@code .amplify-hosting} bundle in the working dir
 * @param files         artifact globs
 * @param discardPaths  flatten artifact paths
 * @param environment   the build's environment, already merged
 * @param warnings      build spec warnings to show in the log
 * @param cachePaths    {@code frontend.cache.paths} as written (relative to the working dir)
 * @param runsTests     the script runs the {@code test} phases (a test section exists and USER_DISABLE_TESTS is not
 *                      {@code true})
 * @param legacyHeaders {@code customHeaders} written in the build spec (deprecated location), applied when the
 *                      repository has no customHttp.yml
 * @param testArtifacts {@code test.artifacts} when the tests run and declare some, else null
 * @param testArtifactDir its {@code baseDirectory} resolved against the working dir (the working dir when absent),
 *                      null with no test artifacts
 */
public record BuildPlan(String script, String workingDir, String baseDirectory, String artifactDir, List<String> files,
                        boolean discardPaths, SequencedMap<String, String> environment, List<String> warnings,
                        List<String> cachePaths, boolean runsTests, CustomHeaders legacyHeaders,
                        TestArtifacts testArtifacts, String testArtifactDir) {

    public BuildPlan(String script, String workingDir, String baseDirectory, String artifactDir, List<String> files,
                     boolean discardPaths, SequencedMap<String, String> environment, List<String> warnings,
                     List<String> cachePaths, boolean runsTests, CustomHeaders legacyHeaders) {
        this(script, workingDir, baseDirectory, artifactDir, files, discardPaths, environment, warnings, cachePaths,
                runsTests, legacyHeaders, null, null);
    }

    public BuildPlan(String script, String workingDir, String baseDirectory, String artifactDir, List<String> files,
                     boolean discardPaths, SequencedMap<String, String> environment, List<String> warnings,
                     List<String> cachePaths, boolean runsTests) {
        this(script, workingDir, baseDirectory, artifactDir, files, discardPaths, environment, warnings, cachePaths,
                runsTests, CustomHeaders.NONE);
    }

    public static final String DISABLE_TESTS_VARIABLE = "USER_DISABLE_TESTS";

    /** The same plan run with another environment (the runner adds variables once it knows the app, e.g. Next's). */
    public BuildPlan withEnvironment(SequencedMap<String, String> replacement) {
        return new BuildPlan(script, workingDir, baseDirectory, artifactDir, files, discardPaths, replacement, warnings,
                cachePaths, runsTests, legacyHeaders, testArtifacts, testArtifactDir);
    }

    /**
     * The directory of the app being deployed: the one holding {@code .next} when the artifacts are Next's output
     * (a spec that does {@code cd web} in preBuild and deploys {@code web/.next}), else the working directory.
     */
    public String appDirectory() {
        if (!NextStandaloneBundle.isNextOutput(artifactDir)) {
            return workingDir;
        }
        int slash = artifactDir.lastIndexOf('/');
        return slash < 0 ? "" : artifactDir.substring(0, slash);
    }

    /** Whether the spec names no artifacts, so only a {@code .amplify-hosting} bundle can be deployed. */
    public boolean deploysBundleOnly() {
        return baseDirectory == null;
    }

    /**
     * @throws IllegalArgumentException with a sentence for the user when a path leaves the repository or
     *                                  {@code _LIVE_UPDATES} is invalid
     */
    public static BuildPlan of(AppSpec app, SequencedMap<String, String> environment, List<String> warnings) {
        String buildPath = app.frontend() == null ? null : app.frontend().buildPath();
        String workingDir = buildPath != null ? normalise(buildPath, "frontend.buildPath")
                : app.appRoot() != null ? normalise(app.appRoot(), "appRoot") : "";
        Artifacts artifacts = app.frontend() == null ? null : app.frontend().artifacts();
        String base = artifacts == null ? null : artifacts.baseDirectory();
        // without artifacts the deployment is the Amplify bundle an SSR adapter writes (Nitro's aws-amplify preset),
        // if the build writes one: checked once the build has run
        String artifactDir = base == null ? join(workingDir, AmplifyHostingBundle.DIRECTORY)
                : normalise(join(workingDir, stripLeadingSlash(base)), "artifacts.baseDirectory");
        boolean tests = BuildScript.hasTests(app) && !"true".equalsIgnoreCase(environment.get(DISABLE_TESTS_VARIABLE));
        LiveUpdates.Plan liveUpdates = LiveUpdates.plan(environment.get(LiveUpdates.VARIABLE));
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(liveUpdates.warnings());
        TestArtifacts testArtifacts = tests ? declaredTestArtifacts(app) : null;
        String testDir = testArtifacts == null ? null : testArtifacts.baseDirectory() == null ? workingDir
                : normalise(join(workingDir, stripLeadingSlash(testArtifacts.baseDirectory())),
                "test.artifacts.baseDirectory");
        return new BuildPlan(BuildScript.of(app, tests, liveUpdates.commands()), workingDir, base, artifactDir,
                artifacts == null ? Artifacts.ALL_FILES : artifacts.files(),
                artifacts != null && artifacts.discardPaths(), environment, List.copyOf(allWarnings),
                app.frontend() == null ? List.of() : app.frontend().cachePaths(), tests,
                new CustomHeaders(app.legacyCustomHeaders()), testArtifacts, testDir);
    }

    /** A test section whose artifacts name no file and no report has nothing to collect. */
    private static TestArtifacts declaredTestArtifacts(AppSpec app) {
        TestArtifacts declared = app.test().artifacts();
        boolean any = declared != null && (!declared.files().isEmpty() || declared.configFilePath() != null);
        return any ? declared : null;
    }

    private static String stripLeadingSlash(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private static String join(String dir, String path) {
        return dir.isEmpty() ? path : path.isEmpty() ? dir : dir + "/" + path;
    }

    /** Relative to the repository root; {@code /} and {@code .} are the root; must stay inside. */
    static String normalise(String path, String key) {
        Path repo = Path.of("/repo");
        Path normal = repo.resolve(stripLeadingSlash(path.replace('\\', '/'))).normalize();
        if (!normal.startsWith(repo)) {
            throw new IllegalArgumentException(key + " '" + path + "' points outside the repository");
        }
        return repo.relativize(normal).toString();
    }
}
