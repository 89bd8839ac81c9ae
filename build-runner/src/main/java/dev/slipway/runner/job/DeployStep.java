package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.secret.ArtifactSecretScan;
import dev.slipway.runner.spec.BuildPlan;

/**
 * Amplify's DEPLOY and VERIFY steps on the runner's side: select the artifact files, refuse them when they contain a
 * secret (before anything is stored), store them as blobs and a manifest, then a cheap check of the result (an
 * {@code index.html} to serve at {@code /}; only a warning when missing, as SPAs may route elsewhere).
 */
final class DeployStep {

    private final ArtifactCollector artifacts;

    DeployStep(ArtifactCollector artifacts) {
        this.artifacts = artifacts;
    }

    /** @param source the checkout: its root {@code customHttp.yml} is stored with the deployment */
    DeploymentUpload run(LeasedJob job, BuildPlan plan, Path source, Path output, JobReporter reporter, Timings timings)
            throws BuildFailure, IOException {
        reporter.step(new StepReport("DEPLOY", "RUNNING", null, null, null));
        long start = Timings.now();
        ArtifactCollector.Selection selection = output == null ? null
                : artifacts.select(output, plan.files(), plan.discardPaths());
        if (selection == null || selection.files().isEmpty()) {
            throw BuildFailure.failed("DEPLOY", "artifacts.baseDirectory '" + plan.baseDirectory()
                    + "' is empty or missing");
        }
        Optional<ArtifactSecretScan.Finding> leak = new ArtifactSecretScan(job.secrets()).scan(shownNames(plan, selection));
        if (leak.isPresent()) {
            throw BuildFailure.failed("DEPLOY", leak.get().reason());
        }
        ArtifactCollector.Collected collected = artifacts.store(selection,
                CustomHttpCapture.read(source, plan, reporter::log));
        timings.artifacts += Timings.since(start);
        collected.notes().forEach(note -> reporter.log("[slipway] " + note));
        reporter.log("[slipway] deployed " + collected.upload().fileCount() + " files (" + collected.upload().totalBytes()
                + " bytes), manifest " + collected.upload().manifestHash());
        reporter.step(new StepReport("DEPLOY", "SUCCEED", null, null, null));
        reporter.step(new StepReport("VERIFY", "RUNNING", null, null, null));
        if (!collected.manifest().files().containsKey("index.html")) {
            reporter.log("[slipway] VERIFY warning: the deployment has no index.html, so / answers 404 unless a "
                    + "rewrite rule serves it");
        }
        reporter.step(new StepReport("VERIFY", "SUCCEED", null, null, null));
        return collected.upload();
    }

    /** Files by the name the user knows: the repository path of the artifact directory plus the file's path in it. */
    private static Map<String, Path> shownNames(BuildPlan plan, ArtifactCollector.Selection selection) {
        Map<String, Path> files = new LinkedHashMap<>();
        String dir = plan.artifactDir().isEmpty() ? "" : plan.artifactDir() + "/";
        selection.files().values().forEach(selected -> files.put(dir + selected.relative(), selected.file()));
        return files;
    }
}
