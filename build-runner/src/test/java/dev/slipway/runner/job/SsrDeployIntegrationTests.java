package dev.slipway.runner.job;

import static dev.slipway.runner.job.JobExecutionIntegrationTests.job;
import static dev.slipway.runner.job.JobExecutionIntegrationTests.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.TargetKind;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSR output through the whole runner, in Docker: builds whose commands write an {@code .amplify-hosting} bundle or
 * a fake Next.js standalone output with the shell (no framework, no npm).
 */
class SsrDeployIntegrationTests {

    private static final String MANIFEST = """
            {"version": 1,
             "routes": [
               {"path": "/_nuxt/*", "target": {"kind": "Static", "cacheControl": "public, max-age=31536000, immutable"}},
               {"path": "/*.*", "target": {"kind": "Static"}, "fallback": {"kind": "Compute", "src": "default"}},
               {"path": "/LAST", "target": {"kind": "Compute", "src": "default"}}],
             "computeResources": [{"name": "default", "entrypoint": "server.js", "runtime": "nodejs22.x"}],
             "framework": {"name": "nuxt", "version": "3.8.1"}}""";
    /** Writes the bundle as a Nitro preset would, with a pnpm-style link inside node_modules and one pointing out. */
    private static final String BUNDLE_SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p .amplify-hosting/static/_nuxt .amplify-hosting/compute/default/node_modules/.pnpm/dep
                    - echo 'entry' > .amplify-hosting/static/_nuxt/entry.js
                    - echo 'icon' > .amplify-hosting/static/favicon.ico
                    - cp server.js .amplify-hosting/compute/default/server.js
                    - echo 'module.exports = 1' > .amplify-hosting/compute/default/node_modules/.pnpm/dep/index.js
                    - ln -s .pnpm/dep .amplify-hosting/compute/default/node_modules/dep
                    - ln -s /etc/hostname .amplify-hosting/compute/default/hostname
                    - cp manifest.json .amplify-hosting/deploy-manifest.json
              artifacts:
                baseDirectory: .amplify-hosting
                files:
                  - '**/*'
            """;
    private static final String NEXT_SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - test "$NEXT_PRIVATE_STANDALONE" = true
                    - mkdir -p .next/standalone/.next/server .next/standalone/node_modules/next .next/static/chunks
                    - cp server.js .next/standalone/server.js
                    - echo '{"name":"next","version":"15.1.2"}' > .next/standalone/node_modules/next/package.json
                    - echo 'chunk' > .next/static/chunks/main.js
                    - mkdir -p .next/cache && echo 'never deployed' > .next/cache/x
              artifacts:
                baseDirectory: .next
                files:
                  - '**/*'
              cache:
                paths:
                  - .next/cache/**/*
            """;
    private static final String SERVER = "require('http').createServer((q, s) => s.end('ssr')).listen(3000);\n";

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("ssr-deploy-tests");
    }

    @Test
    void anAmplifyHostingBundleIsStoredAsStaticFilesAndAComputeBundleAndABrokenOneFails() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        RevCommit[] good = GitRepos.create(temp.resolve("served"), "good", Map.of("amplify.yml", BUNDLE_SPEC,
                "server.js", SERVER, "manifest.json", MANIFEST.replace("/LAST", "/*")));
        RevCommit[] broken = GitRepos.create(temp.resolve("served"), "broken", Map.of("amplify.yml", BUNDLE_SPEC,
                "server.js", SERVER, "manifest.json", MANIFEST.replace("/LAST", "/x")));
        RecordingReporter goodLog = new RecordingReporter();
        RecordingReporter brokenLog = new RecordingReporter();
        JobCompletion deployed;
        JobCompletion refused;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            JobExecutionService service = service(executor, temp, blobs, Duration.ofMinutes(2), 512L << 20);
            deployed = service.execute(job(daemon.url("good"), good[0].name(), Map.of()), goodLog, new JobControl());
            refused = service.execute(job(daemon.url("broken"), broken[0].name(), Map.of()), brokenLog,
                    new JobControl());
        }

        assertThat(deployed.status()).as(goodLog.log()).isEqualTo("SUCCEED");
        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(deployed.deployment().manifestHash()));
        assertThat(manifest.files()).containsOnlyKeys("_nuxt/entry.js", "favicon.ico");
        ComputeBundle compute = manifest.compute();
        // the link to /etc/hostname is dropped already when the output is copied out of the container
        assertThat(compute.files()).containsOnlyKeys("server.js", "node_modules/dep/index.js",
                "node_modules/.pnpm/dep/index.js");
        assertThat(new String(blobs.read(compute.files().get("server.js").hash()), StandardCharsets.UTF_8))
                .isEqualTo(SERVER);
        assertThat(compute.route("/about").target().kind()).isEqualTo(TargetKind.COMPUTE);
        assertThat(goodLog.lines).contains("[slipway] SSR deployment: 2 static files, compute bundle 3 files ("
                + compute.totalBytes() + " bytes), entrypoint server.js, runtime nodejs22.x, framework nuxt 3.8.1");

        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.reason()).isEqualTo(
                "deploy-manifest.json: routes[2].path '/x': the last route must be the catch-all '/*'");
        assertThat(brokenLog.steps.getLast()).isEqualTo(new StepReport("DEPLOY", "FAILED", refused.reason(), null,
                null));
    }

    @Test
    void withoutArtifactsTheBundleTheBuildWroteIsDeployedAndWithoutEitherTheFailureNamesBoth() throws Exception {
        String bundleOnly = BUNDLE_SPEC.substring(0, BUNDLE_SPEC.indexOf("  artifacts:"));
        String neither = "version: 1\nfrontend:\n  phases:\n    build:\n      commands:\n        - echo built\n";
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        RevCommit[] bundle = GitRepos.create(temp.resolve("served"), "bundle", Map.of("amplify.yml", bundleOnly,
                "server.js", SERVER, "manifest.json", MANIFEST.replace("/LAST", "/*")));
        RevCommit[] none = GitRepos.create(temp.resolve("served"), "none", Map.of("amplify.yml", neither));
        RecordingReporter bundleLog = new RecordingReporter();
        RecordingReporter noneLog = new RecordingReporter();
        JobCompletion deployed;
        JobCompletion failed;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            JobExecutionService service = service(executor, temp, blobs, Duration.ofMinutes(2), 512L << 20);
            deployed = service.execute(job(daemon.url("bundle"), bundle[0].name(), Map.of()), bundleLog,
                    new JobControl());
            failed = service.execute(job(daemon.url("none"), none[0].name(), Map.of()), noneLog, new JobControl());
        }

        assertThat(deployed.status()).as(bundleLog.log()).isEqualTo("SUCCEED");
        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(deployed.deployment().manifestHash()));
        assertThat(manifest.files()).containsOnlyKeys("_nuxt/entry.js", "favicon.ico");
        assertThat(manifest.compute().files()).containsKey("server.js");

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(noneLog.lines).contains("built");
        assertThat(failed.reason()).startsWith("nothing to deploy: the build spec has no "
                + "frontend.artifacts.baseDirectory and the build wrote no Amplify deployment bundle (.amplify-hosting)");
        assertThat(noneLog.steps.getLast()).isEqualTo(new StepReport("DEPLOY", "FAILED", failed.reason(), null, null));
    }

    @Test
    void aNextAppIsBuiltStandaloneAndDeployedWithItsPublicFiles() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        RevCommit[] next = GitRepos.create(temp.resolve("served"), "next", Map.of("amplify.yml", NEXT_SPEC,
                "server.js", SERVER, "package.json", "{\"name\":\"web\",\"dependencies\":{\"next\":\"15.1.2\"}}",
                "public/robots.txt", "User-agent: *\n"));
        RecordingReporter log = new RecordingReporter();
        JobCompletion deployed;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            deployed = service(executor, temp, blobs, Duration.ofMinutes(2), 512L << 20)
                    .execute(job(daemon.url("next"), next[0].name(), Map.of()), log, new JobControl());
        }

        assertThat(deployed.status()).as(log.log()).isEqualTo("SUCCEED");
        assertThat(log.log()).contains("NEXT_PRIVATE_STANDALONE=true");
        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(deployed.deployment().manifestHash()));
        assertThat(manifest.files()).containsOnlyKeys("_next/static/chunks/main.js", "robots.txt");
        assertThat(manifest.compute().files()).containsOnlyKeys("server.js", "node_modules/next/package.json",
                ".next/static/chunks/main.js", "public/robots.txt");
        assertThat(manifest.compute().framework() + " " + manifest.compute().frameworkVersion())
                .isEqualTo("nextjs 15.1.2");
    }
}
