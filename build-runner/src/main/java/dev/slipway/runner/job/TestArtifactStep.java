package dev.slipway.runner.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.buildspec.TestArtifacts;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.protocol.glob.GlobMatcher;
import dev.slipway.runner.artifact.MochawesomeReport;
import dev.slipway.runner.secret.ArtifactSecretScan;
import dev.slipway.runner.spec.BuildPlan;

/**
 * Amplify's {@code test.artifacts}: from the copy of the test directory {@link BuildStepRunner} took once the test
 * phase ran (passed or failed), select the {@code files} and {@code configFilePath} globs with the same rules as
 * deployed artifacts (no link out of the directory, no {@code .git}), leave out any file holding a secret value (the
 * log says which and why, as the deploy's scan does), store the rest as blobs and read the mochawesome counts. Best
 * effort: a problem here costs the test artifacts, never the job's outcome.
 */
final class TestArtifactStep {

    private final ArtifactCollector artifacts;

    TestArtifactStep(ArtifactCollector artifacts) {
        this.artifacts = artifacts;
    }

    /** @return what to report with the completion, or null when the tests left nothing to collect */
    TestArtifactsUpload collect(LeasedJob job, BuildPlan plan, Path workDir, JobReporter reporter) {
        Path dir = BuildStepRunner.testOutput(workDir);
        if (plan.testArtifacts() == null || !Files.isDirectory(dir)) {
            return null;
        }
        try {
            TestArtifacts declared = plan.testArtifacts();
            List<String> globs = new ArrayList<>(declared.files());
            if (declared.configFilePath() != null) {
                globs.add(declared.configFilePath());
            }
            ArtifactCollector.Selection selection = artifacts.select(dir, globs, false);
            selection.notes().forEach(note -> reporter.log("[slipway] test artifacts: " + note));
            Map<String, Path> clean = withoutSecrets(job, plan, selection, reporter);
            List<TestArtifactsUpload.File> files = new ArrayList<>();
            long bytes = 0;
            ArtifactCollector.StoredFiles storedFiles = artifacts.storeFiles(clean);
            for (var stored : storedFiles.entries().entrySet()) {
                ManifestEntry entry = stored.getValue();
                files.add(new TestArtifactsUpload.File(stored.getKey(), entry.hash(), entry.size(), entry.contentType()));
                bytes += entry.size();
            }
            reporter.log("[slipway] Stored " + files.size() + " test artifacts (" + bytes + " bytes): "
                    + storedFiles.transfer().describe());
            TestArtifactsUpload.Report report = report(declared, clean).orElse(null);
            if (report != null) {
                reporter.log("[slipway] " + MochawesomeReport.describe(report));
            }
            return new TestArtifactsUpload(files, report);
        } catch (IOException | RuntimeException e) {
            reporter.log("[slipway] Could not collect the test artifacts: " + e.getMessage());
            return null;
        }
    }

    /** Each file is checked on its own, so one leaking screenshot does not cost the others. */
    private static Map<String, Path> withoutSecrets(LeasedJob job, BuildPlan plan,
                                                    ArtifactCollector.Selection selection, JobReporter reporter)
            throws IOException {
        if (!job.scansArtifacts()) {
            reporter.log("[slipway] test artifacts: artifact secret scan is off for this app (artifactSecretScan=false)");
            Map<String, Path> all = new LinkedHashMap<>();
            selection.files().forEach((relative, selected) -> all.put(relative, selected.file()));
            return all;
        }
        ArtifactSecretScan scan = new ArtifactSecretScan(job.secrets());
        Map<String, Path> clean = new LinkedHashMap<>();
        for (var selected : selection.files().entrySet()) {
            String shown = shownName(plan, selected.getKey());
            Optional<ArtifactSecretScan.Finding> leak = scan.scan(Map.of(shown, selected.getValue().file()));
            if (leak.isPresent()) {
                reporter.log("[slipway] Secret " + leak.get().secretName() + " found in the test artifact " + shown
                        + "; it was not stored");
            } else {
                clean.put(selected.getKey(), selected.getValue().file());
            }
        }
        return clean;
    }

    /** The first stored file matching {@code configFilePath} (mochawesome-merge leaves one) that is a report. */
    private static Optional<TestArtifactsUpload.Report> report(TestArtifacts declared, Map<String, Path> files)
            throws IOException {
        if (declared.configFilePath() == null) {
            return Optional.empty();
        }
        GlobMatcher matcher = GlobMatcher.of(List.of(declared.configFilePath()));
        for (var file : files.entrySet()) {
            if (matcher.matches(file.getKey())) {
                Optional<TestArtifactsUpload.Report> report = MochawesomeReport.read(file.getKey(), file.getValue());
                if (report.isPresent()) {
                    return report;
                }
            }
        }
        return Optional.empty();
    }

    private static String shownName(BuildPlan plan, String relative) {
        return plan.testArtifactDir().isEmpty() ? relative : plan.testArtifactDir() + "/" + relative;
    }
}
