package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.protocol.ssr.DeployManifestException;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.secret.ArtifactSecretScan;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.ssr.AmplifyHostingBundle;
import dev.slipway.runner.ssr.SsrBundle;
import dev.slipway.runner.ssr.SsrOutput;
import dev.slipway.runner.ssr.SsrOutputException;

/**
 * Amplify's DEPLOY and VERIFY steps on the runner's side: select the artifact files (a static site, or a
 * server-side rendered bundle: {@code .amplify-hosting} or Next's {@code .next}), refuse them when they contain a
 * secret (before anything is stored), store them as blobs and a manifest, then a cheap check of the result (an
 * {@code index.html} to serve at {@code /}; only a warning when missing, as SPAs may route elsewhere).
 */
final class DeployStep {

    private final ArtifactCollector artifacts;

    /** Logged once per deploy when the app opted out of the artifact secret scan. */
    static final String SCAN_OFF = "[slipway] artifact secret scan is off for this app (artifactSecretScan=false); "
            + "secrets in build output would be deployed";

    DeployStep(ArtifactCollector artifacts) {
        this.artifacts = artifacts;
    }

    /**
     * @param source     the checkout: its root {@code customHttp.yml} is stored with the deployment
     * @param nextPublic for a Next.js build, the copied {@code public/} beside {@code .next}, or null
     */
    DeploymentUpload run(LeasedJob job, BuildPlan plan, Path source, Path output, Path nextPublic,
                         JobReporter reporter, Timings timings) throws BuildFailure, IOException {
        reporter.step(new StepReport("DEPLOY", "RUNNING", null, null, null));
        long start = Timings.now();
        Optional<SsrBundle> ssr = output == null ? Optional.empty() : ssr(plan, output, nextPublic);
        if (!job.scansArtifacts()) {
            reporter.log(SCAN_OFF);
        }
        ArtifactCollector.Collected collected = ssr.isPresent()
                ? storeSsr(job, plan, ssr.get(), CustomHttpCapture.read(source, plan, reporter::log))
                : storeStatic(job, plan, output, source, reporter);
        timings.artifacts += Timings.since(start);
        collected.notes().forEach(note -> reporter.log("[slipway] " + note));
        reporter.log("[slipway] Deploy: " + collected.transfer().describe());
        if (ssr.isPresent()) {
            reporter.log("[slipway] " + SsrBundle.describe(collected.manifest()));
        }
        reporter.log("[slipway] deployed " + collected.upload().fileCount() + " files (" + collected.upload().totalBytes()
                + " bytes), manifest " + collected.upload().manifestHash());
        reporter.step(new StepReport("DEPLOY", "SUCCEED", null, null, null));
        reporter.step(new StepReport("VERIFY", "RUNNING", null, null, null));
        if (!collected.manifest().isSsr() && !collected.manifest().files().containsKey("index.html")) {
            reporter.log("[slipway] VERIFY warning: the deployment has no index.html, so / answers 404 unless a "
                    + "rewrite rule serves it");
        }
        reporter.step(new StepReport("VERIFY", "SUCCEED", null, null, null));
        return collected.upload();
    }

    private ArtifactCollector.Collected storeStatic(LeasedJob job, BuildPlan plan, Path output, Path source,
                                                    JobReporter reporter) throws BuildFailure, IOException {
        ArtifactCollector.Selection selection = output == null ? null
                : artifacts.select(output, plan.files(), plan.discardPaths());
        if (selection == null || selection.files().isEmpty()) {
            throw emptyArtifacts(plan);
        }
        Map<String, Path> shown = new LinkedHashMap<>();
        selection.files().values().forEach(selected -> shown.put(shownName(plan, selected.relative()), selected.file()));
        requireNoSecret(job, shown);
        return artifacts.store(selection, CustomHttpCapture.read(source, plan, reporter::log));
    }

    private ArtifactCollector.Collected storeSsr(LeasedJob job, BuildPlan plan, SsrBundle bundle,
                                                 CustomHeaders headers) throws BuildFailure, IOException {
        if (bundle.staticFiles().isEmpty() && bundle.computeFiles().isEmpty()) {
            throw emptyArtifacts(plan);
        }
        Map<String, Path> shown = new LinkedHashMap<>();
        bundle.shownFiles().forEach((name, file) -> shown.put(shownName(plan, name), file));
        requireNoSecret(job, shown);
        return bundle.store(artifacts, headers);
    }

    private static Optional<SsrBundle> ssr(BuildPlan plan, Path output, Path nextPublic)
            throws BuildFailure, IOException {
        try {
            return SsrOutput.of(output, plan.artifactDir(), nextPublic);
        } catch (DeployManifestException | SsrOutputException e) {
            throw BuildFailure.failed("DEPLOY", e.getMessage());
        }
    }

    private void requireNoSecret(LeasedJob job, Map<String, Path> shown) throws BuildFailure, IOException {
        if (!job.scansArtifacts()) {
            return;
        }
        Optional<ArtifactSecretScan.Finding> leak = new ArtifactSecretScan(job.secrets()).scan(shown);
        if (leak.isPresent()) {
            throw BuildFailure.failed("DEPLOY", leak.get().reason());
        }
    }

    private static BuildFailure emptyArtifacts(BuildPlan plan) {
        if (plan.deploysBundleOnly()) {
            return BuildFailure.failed("DEPLOY", "nothing to deploy: the build spec has no "
                    + "frontend.artifacts.baseDirectory and the build wrote no Amplify deployment bundle ("
                    + plan.artifactDir() + "); set artifacts.baseDirectory to the build's output directory, or "
                    + "use a framework adapter that writes " + AmplifyHostingBundle.DIRECTORY);
        }
        return BuildFailure.failed("DEPLOY", "artifacts.baseDirectory '" + plan.baseDirectory()
                + "' is empty or missing");
    }

    /** A file by the name the user knows: the repository path of the artifact directory plus its path in it. */
    private static String shownName(BuildPlan plan, String relative) {
        return Path.of(plan.artifactDir()).resolve(relative).normalize().toString().replace('\\', '/');
    }
}
