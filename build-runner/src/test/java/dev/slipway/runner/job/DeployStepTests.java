package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.spec.BuildPlan;
import dev.slipway.runner.support.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployStepTests {

    private static final String SECRET = "tok-12345 s3cret/value";
    private static final String MANIFEST = """
            {"version": 1, "routes": [{"path": "/*", "target": {"kind": "Compute", "src": "default"}}],
             "computeResources": [{"name": "default", "entrypoint": "server.js", "runtime": "nodejs20.x"}],
             "framework": {"name": "custom", "version": "1.0.0"}}""";

    @TempDir
    Path temp;

    @Test
    void theSecretScanCoversTheComputeBundle() throws Exception {
        Path bundle = Files.createDirectories(temp.resolve("artifacts/compute/default"));
        Files.writeString(bundle.resolve("server.js"), "const key = '" + SECRET + "';");
        Files.writeString(temp.resolve("artifacts/deploy-manifest.json"), MANIFEST);

        assertThatThrownBy(() -> deploy(".amplify-hosting", temp.resolve("artifacts")))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("Secret API_TOKEN found in .amplify-hosting/compute/default/server.js; the deploy was stopped");
    }

    @Test
    void withTheScanOffAnArtifactHoldingASecretDeploysAndTheLogSaysSo() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<html>ok</html>");
        Files.writeString(dist.resolve("app.js"), "const key = '" + SECRET + "';");
        RecordingReporter reporter = new RecordingReporter();

        var upload = new DeployStep(new ArtifactCollector(new FileSystemBlobStore(temp.resolve("blobs"))))
                .run(job(false), plan("dist"), temp, dist, null, reporter, new Timings());

        assertThat(upload.fileCount()).isEqualTo(2);
        assertThat(reporter.log()).contains("[slipway] artifact secret scan is off for this app "
                + "(artifactSecretScan=false); secrets in build output would be deployed");
    }

    @Test
    void aRedeployUploadsOnlyTheChangedFileAndTheLogSaysHowMuchTravelled() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<html>v1</html>");
        Files.writeString(dist.resolve("app.js"), "same");
        Files.writeString(dist.resolve("copy.js"), "same");
        DeployStep deploy = new DeployStep(new ArtifactCollector(new FileSystemBlobStore(temp.resolve("blobs"))));
        RecordingReporter first = new RecordingReporter();
        deploy.run(job(), plan("dist"), temp, dist, null, first, new Timings());

        Files.writeString(dist.resolve("index.html"), "<html>v2!</html>");
        RecordingReporter second = new RecordingReporter();
        deploy.run(job(), plan("dist"), temp, dist, null, second, new Timings());

        assertThat(first.log()).contains("[slipway] Deploy: uploaded 2 of 3 files (19 bytes); 0 already stored; 1 with "
                + "the same bytes as another");
        assertThat(second.log()).contains("[slipway] Deploy: uploaded 1 of 3 files (16 bytes); 1 already stored; 1 with "
                + "the same bytes as another");
    }

    @Test
    void withTheScanOnTheSameArtifactStopsTheDeploy() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("app.js"), "const key = '" + SECRET + "';");

        assertThatThrownBy(() -> deploy("dist", dist)).isInstanceOf(BuildFailure.class)
                .hasMessage("Secret API_TOKEN found in dist/app.js; the deploy was stopped");
    }

    @Test
    void aComputeOnlyBundleDeploysWithoutTheIndexHtmlWarning() throws Exception {
        Path bundle = Files.createDirectories(temp.resolve("artifacts/compute/default"));
        Files.writeString(bundle.resolve("server.js"), "listen(3000)");
        Files.writeString(temp.resolve("artifacts/deploy-manifest.json"), MANIFEST);
        RecordingReporter reporter = new RecordingReporter();

        var upload = new DeployStep(new ArtifactCollector(new FileSystemBlobStore(temp.resolve("blobs"))))
                .run(job(), plan("dist"), temp, temp.resolve("artifacts"), null, reporter, new Timings());

        assertThat(upload.fileCount()).isEqualTo(1);
        assertThat(reporter.log()).contains("[slipway] SSR deployment: 0 static files, compute bundle 1 files (12 bytes)")
                .doesNotContain("index.html");
    }

    @Test
    void nextOutputWithoutStandaloneFailsTheDeployStep() throws Exception {
        Files.createDirectories(temp.resolve("artifacts/server"));
        Files.writeString(temp.resolve("artifacts/server/page.js"), "x");
        assertThatThrownBy(() -> deploy("web/.next", temp.resolve("artifacts"))).isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("artifacts.baseDirectory is .next but .next/standalone/ is missing")
                .satisfies(e -> assertThat(((BuildFailure) e).step()).isEqualTo("DEPLOY"));
    }

    private void deploy(String artifactDir, Path output) throws Exception {
        new DeployStep(new ArtifactCollector(new FileSystemBlobStore(temp.resolve("blobs"))))
                .run(job(), plan(artifactDir), temp, output, null, new RecordingReporter(), new Timings());
    }

    private static BuildPlan plan(String artifactDir) {
        return new BuildPlan("true", "", artifactDir, artifactDir, List.of("**/*"), false, new LinkedHashMap<>(),
                List.of(), List.of(), false);
    }

    private static LeasedJob job() {
        return new LeasedJob(41, "lease-1", 60_000, "d1test", "main", "1", "RELEASE", null, "repo", null, Map.of(),
                Map.of(), Map.of("API_TOKEN", SECRET), null);
    }

    private static LeasedJob job(boolean artifactSecretScan) {
        return new LeasedJob(41, "lease-1", 60_000, "d1test", "main", "1", "RELEASE", null, "repo", null, Map.of(),
                Map.of(), Map.of("API_TOKEN", SECRET), null, artifactSecretScan);
    }
}
