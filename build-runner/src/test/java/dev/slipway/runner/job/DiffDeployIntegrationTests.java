package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LiveDeployment;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AMPLIFY_DIFF_DEPLOY against a real git daemon (the earlier commit is fetched into the shallow checkout). */
class DiffDeployIntegrationTests {

    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist && cp src/app.txt dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;
    private static final Map<String, String> DIFF = Map.of("AMPLIFY_DIFF_DEPLOY", "true");

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("diff-deploy-tests");
    }

    @Test
    void aCommitThatChangesNothingUnderSrcKeepsTheLiveDeploymentAndOneThatDoesBuilds() throws Exception {
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), "site",
                Map.of("amplify.yml", SPEC, "src/app.txt", "v1", "README.md", "a"),
                Map.of("README.md", "b"),
                Map.of("src/app.txt", "v2"));
        LiveDeployment live = new LiveDeployment(commits[0].name(), "a".repeat(64), 1, 2);
        JobExecutionService service = JobExecutionIntegrationTests.service(executor, temp,
                new FileSystemBlobStore(temp.resolve("blobs")), Duration.ofMinutes(2), 512L << 20);
        RecordingReporter readmeOnly = new RecordingReporter();
        RecordingReporter srcChanged = new RecordingReporter();
        RecordingReporter wholeRepository = new RecordingReporter();
        RecordingReporter retried = new RecordingReporter();
        JobCompletion skipped;
        JobCompletion built;
        JobCompletion builtForRoot;
        JobCompletion builtForRetry;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            String url = daemon.url("site");
            skipped = service.execute(job(url, commits[1], "RELEASE", DIFF, live), readmeOnly, new JobControl());
            built = service.execute(job(url, commits[2], "RELEASE", DIFF, live), srcChanged, new JobControl());
            builtForRoot = service.execute(job(url, commits[1], "RELEASE",
                    Map.of("AMPLIFY_DIFF_DEPLOY", "true", "AMPLIFY_DIFF_DEPLOY_ROOT", "/"), live), wholeRepository,
                    new JobControl());
            builtForRetry = service.execute(job(url, commits[1], "RETRY", DIFF, live), retried, new JobControl());
        }

        assertThat(skipped.status()).as(readmeOnly.log()).isEqualTo("SUCCEED");
        assertThat(skipped.deployment()).isEqualTo(live.asUpload());
        assertThat(readmeOnly.log()).contains("AMPLIFY_DIFF_DEPLOY: nothing changed under src/ since "
                + commits[0].name()).doesNotContain("## Starting phase");

        assertThat(built.status()).as(srcChanged.log()).isEqualTo("SUCCEED");
        assertThat(built.deployment().manifestHash()).isNotEqualTo(live.manifestHash());
        assertThat(srcChanged.log()).contains("AMPLIFY_DIFF_DEPLOY: src/ changed since " + commits[0].name());

        assertThat(builtForRoot.deployment().manifestHash()).as(wholeRepository.log())
                .isNotEqualTo(live.manifestHash());
        assertThat(wholeRepository.log()).contains("AMPLIFY_DIFF_DEPLOY: the repository changed since");
        assertThat(builtForRetry.deployment().manifestHash()).as(retried.log()).isNotEqualTo(live.manifestHash());
    }

    private static LeasedJob job(String repository, RevCommit commit, String type, Map<String, String> env,
                                 LiveDeployment live) {
        return new LeasedJob(41, "lease-1", 60_000, "d1test", "main", "2", type, commit.name(), repository, null, env,
                Map.of("AWS_BRANCH", "main", "AWS_APP_ID", "d1test", "AWS_JOB_ID", "0000000002"), Map.of(), null,
                true, live);
    }
}
