package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LiveDeployment;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.secret.SecretMasker;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.spec.BuildScript;
import dev.slipway.runner.spec.FrameworkDetector;
import dev.slipway.runner.spec.SpecLocator;
import dev.slipway.runner.metrics.RunnerMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Builds one leased job end to end, independent of how progress travels: check out the commit, find and compile the
 * build spec, run it through the executor, collect the artifacts into blobs and a manifest, report. A failing build
 * is data (a FAILED completion with a reason); cleanup of the work directory runs in {@code finally}. One job per call;
 * calls for different jobs may run concurrently.
 */
public final class JobExecutionService {

    private static final Logger log = LoggerFactory.getLogger(JobExecutionService.class);

    private final GitCheckout git;
    private final BuildStepRunner steps;
    private final DeployStep deploy;
    private final TestArtifactStep tests;
    private final BuildCache cache;
    private final Path workRoot;
    private final String runnerId;
    private final long maxLogBytes;

    public JobExecutionService(GitCheckout git, JobExecutionSettings settings, ArtifactCollector artifacts,
                               BuildCache cache) {
        this.git = git;
        this.steps = new BuildStepRunner(settings.executor(), settings.buildTimeout(), settings.memoryBytes(),
                settings.nanoCpus(), cache);
        this.cache = cache;
        this.deploy = new DeployStep(artifacts);
        this.tests = new TestArtifactStep(artifacts);
        this.workRoot = settings.workRoot();
        this.runnerId = settings.runnerId();
        this.maxLogBytes = settings.maxLogBytes();
    }

    /** Runs the job and reports through {@code reporter}; returns what was (or, when abandoned, would be) reported. */
    public JobCompletion execute(LeasedJob job, JobReporter unmasked, JobControl control) {
        JobReporter reporter = new LogCapReporter(new MaskingReporter(unmasked, SecretMasker.of(job.secrets())),
                maxLogBytes);
        MDC.put("app", job.appId());
        MDC.put("branch", job.branchName());
        MDC.put("job", Long.toString(job.jobId()));
        MDC.put("runner", runnerId);
        Path workDir = workRoot.resolve(Long.toString(job.jobId()));
        Timings timings = new Timings();
        JobCompletion completion;
        AtomicReference<String> detectedSpec = new AtomicReference<>();
        AtomicReference<TestArtifactsUpload> testArtifacts = new AtomicReference<>();
        RunnerMeters.buildStarted();
        try {
            log.info("building job {} (#{}) of {}/{}", job.jobId(), job.jobNumber(), job.appId(), job.branchName());
            completion = run(job, reporter, control, workDir, timings, detectedSpec, testArtifacts);
        } catch (BuildFailure f) {
            reporter.log(f.getMessage());
            reporter.step(new StepReport(f.step(), f.status(), f.getMessage(), null, null));
            completion = new JobCompletion(f.status(), f.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            log.error("job {} failed on the platform side", job.jobId(), e);
            String reason = "Slipway could not run the build: " + e.getMessage();
            reporter.log("[slipway] " + reason);
            reporter.step(new StepReport("BUILD", "FAILED", reason, null, null));
            completion = new JobCompletion("FAILED", reason, null);
        } finally {
            deleteQuietly(workDir);
        }
        RunnerMeters.buildEnded(completion.status());
        completion = completion.withDetectedBuildSpec(detectedSpec.get()).withTestArtifacts(testArtifacts.get());
        reporter.log(timings.line());
        log.info("job {} finished: {}{}", job.jobId(), completion.status(),
                completion.reason() == null ? "" : " (" + completion.reason() + ")");
        if (!control.isAbandoned()) {
            reporter.complete(completion);
        }
        MDC.clear();
        return completion;
    }

    /** @param testArtifacts receives what the test phase left, also when the job then fails */
    private JobCompletion run(LeasedJob job, JobReporter reporter, JobControl control, Path workDir, Timings timings,
                              AtomicReference<String> detectedSpec, AtomicReference<TestArtifactsUpload> testArtifacts)
            throws BuildFailure, IOException {
        deleteQuietly(workDir);
        Files.createDirectories(workDir);
        reporter.step(new StepReport("BUILD", "RUNNING", null, null, null));
        Path source = workDir.resolve("src");
        GitCheckout.CheckedOut commit = checkout(job, reporter, source, timings);
        reporter.step(new StepReport("BUILD", "RUNNING", null, commit.commitId(), commit.message()));
        BuildPlan plan = plan(job, source, reporter, detectedSpec);
        if (control.shouldStop()) {
            throw BuildFailure.cancelled("BUILD");
        }
        Optional<LiveDeployment> unchanged = DiffDeploy.unchanged(job, plan, source, reporter);
        if (unchanged.isPresent()) {
            reporter.step(new StepReport("BUILD", "SUCCEED", null, null, null));
            reporter.step(new StepReport("DEPLOY", "SUCCEED", null, null, null));
            return new JobCompletion("SUCCEED", null, unchanged.get().asUpload());
        }
        restoreCache(job, plan, source, reporter, timings);
        BuildStepRunner.Built built;
        try {
            built = steps.run(job.jobId(), source, workDir, plan, reporter, control, timings);
        } finally {
            testArtifacts.set(tests.collect(job, plan, workDir, reporter));
        }
        return new JobCompletion("SUCCEED", null, deploy.run(job, plan, source, built.output(), built.nextPublic(),
                reporter, timings), built.cacheHash());
    }

    /** A cache that cannot be restored only costs time: the build goes on without it. */
    private void restoreCache(LeasedJob job, BuildPlan plan, Path source, JobReporter reporter, Timings timings) {
        long start = Timings.now();
        try {
            String line = cache.restore(job.cacheHash(), plan.cachePaths(), source.resolve(plan.workingDir()));
            if (line != null) {
                reporter.log(line);
            }
        } catch (IOException | RuntimeException e) {
            reporter.log("[slipway] Could not restore the build cache (" + e.getMessage() + "); building without it");
        } finally {
            timings.cache += Timings.since(start);
        }
    }

    private GitCheckout.CheckedOut checkout(LeasedJob job, JobReporter reporter, Path source, Timings timings)
            throws BuildFailure {
        String what = job.commitId() != null ? "commit " + job.commitId() : "branch " + job.branchName();
        reporter.log("[slipway] Cloning " + RepositoryPolicy.redact(job.repository()) + " (" + what + ")");
        long start = Timings.now();
        try {
            GitCheckout.CheckedOut commit = git.checkout(job.repository(), job.commitId(), job.branchName(), source);
            reporter.log("[slipway] Checked out " + commit.commitId());
            return commit;
        } catch (GitCheckout.CheckoutException e) {
            throw BuildFailure.failed("BUILD", e.getMessage());
        } finally {
            timings.clone = Timings.since(start);
        }
    }

    private BuildPlan plan(LeasedJob job, Path source, JobReporter reporter, AtomicReference<String> detectedSpec)
            throws BuildFailure, IOException {
        try {
            SpecLocator.Located located = SpecLocator.locate(source, job.buildSpec());
            BuildSpec spec = located.spec();
            reporter.log("[slipway] Using build spec from " + located.sourceName());
            if (located.generated() != null) {
                detectedSpec.set(located.generated());
                reporter.log("[slipway] No amplify.yml and no build spec configured; generated:");
                located.generated().lines().forEach(line -> reporter.log("[slipway]   " + line));
            }
            spec.warnings().forEach(w -> reporter.log("[slipway] " + located.sourceName() + " warning: " + w));
            Map<String, String> user = JobEnvironment.userAndSecrets(job.environment(), job.secrets());
            SequencedMap<String, String> platformView = JobEnvironment.merge(Map.of(), user, job.platformEnvironment());
            AppSpec app = spec.select(platformView.get(BuildSpec.MONOREPO_APP_ROOT_VARIABLE), located.sourceName());
            BuildPlan plan = BuildPlan.of(app, JobEnvironment.merge(app.environment(), user, job.platformEnvironment()),
                    spec.warnings());
            SequencedMap<String, String> nextStandalone = JobEnvironment.withNextStandalone(plan.environment(),
                    source.resolve(plan.appDirectory()));
            if (nextStandalone != null) {
                plan = plan.withEnvironment(nextStandalone);
                reporter.log("[slipway] Next.js rendered on the server: " + JobEnvironment.NEXT_STANDALONE_VARIABLE
                        + "=true, so next build writes the .next/standalone server Slipway deploys");
            }
            // the warnings past the spec's own are the plan's (live package updates it skips)
            plan.warnings().stream().skip(spec.warnings().size()).forEach(w -> reporter.log("[slipway] " + w));
            if (BuildScript.hasTests(app) && !plan.runsTests()) {
                reporter.log("[slipway] The test phases are skipped: " + BuildPlan.DISABLE_TESTS_VARIABLE + "=true");
            }
            return plan;
        } catch (SpecLocator.MissingSpecException | FrameworkDetector.UnsupportedFrameworkException e) {
            throw BuildFailure.failed("BUILD", e.getMessage());
        } catch (BuildSpecException e) {
            throw BuildFailure.failed("BUILD", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BuildFailure.failed("BUILD", e.getMessage());
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete work directory {}: {}", dir, e.getMessage());
        }
    }
}
