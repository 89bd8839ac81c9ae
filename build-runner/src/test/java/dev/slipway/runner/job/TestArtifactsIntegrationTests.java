package dev.slipway.runner.job;

import static dev.slipway.runner.job.JobExecutionIntegrationTests.job;
import static dev.slipway.runner.job.JobExecutionIntegrationTests.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test.artifacts} collected from a real build container, after passing and after failing tests. */
class TestArtifactsIntegrationTests {

    private static final String SECRET = "s3cr3t-token-value";
    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist && echo '<h1>ok</h1>' > dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            test:
              phases:
                test:
                  commands:
                    - mkdir -p cypress/screenshots/home cypress/report
                    - printf 'PNG of the failed test' > cypress/screenshots/home/failed.png
                    - |
                      echo '{"stats":{"tests":3,"passes":2,"failures":1},"results":[]}' > cypress/report/mochawesome.json
                    - echo "token $LEAK_TOKEN" > cypress/screenshots/leak.png
                    - echo 'not a declared artifact' > cypress/notes.txt
                    - TEST_RESULT
              artifacts:
                baseDirectory: cypress
                configFilePath: '**/mochawesome.json'
                files:
                  - '**/*.png'
            """;

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("test-artifacts-tests");
    }

    @Test
    void failingTestsStillReportTheirScreenshotsAndReportButNoFileHoldingASecret() throws Exception {
        RecordingReporter failing = run("false");
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
    }

    @Test
    void passingTestsReportThemWithTheDeployment() throws Exception {
        RecordingReporter passing = run("true");
        JobCompletion completion = passing.completions.getFirst();
        assertThat(completion.status()).as(passing.log()).isEqualTo("SUCCEED");
        assertThat(completion.deployment().fileCount()).isEqualTo(1);
        assertThat(completion.testArtifacts().files()).hasSize(2);
        assertThat(completion.testArtifacts().report().tests()).isEqualTo(3);
    }

    @Test
    void disabledTestsCollectNothing() throws Exception {
        RecordingReporter disabled = run("true", Map.of("USER_DISABLE_TESTS", "true"));
        assertThat(disabled.completions.getFirst().status()).as(disabled.log()).isEqualTo("SUCCEED");
        assertThat(disabled.completions.getFirst().testArtifacts()).isNull();
    }

    private RecordingReporter run(String testResult) throws Exception {
        return run(testResult, Map.of());
    }

    private RecordingReporter run(String testResult, Map<String, String> env) throws Exception {
        String name = "tests" + System.nanoTime();
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), name,
                Map.of("amplify.yml", SPEC.replace("TEST_RESULT", testResult)));
        RecordingReporter reporter = new RecordingReporter();
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            service(executor, temp, new FileSystemBlobStore(temp.resolve("blobs")), Duration.ofMinutes(2), 512L << 20)
                    .execute(job(daemon.url(name), commits[0].name(), Map.of("LEAK_TOKEN", SECRET), env), reporter,
                            new JobControl());
        }
        return reporter;
    }
}
