package dev.slipway.runner.job;

import static dev.slipway.runner.job.JobExecutionIntegrationTests.job;
import static dev.slipway.runner.job.JobExecutionIntegrationTests.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.executor.TarArchives;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cache.paths saved after a successful build in Docker and restored into the next one. */
class BuildCacheIntegrationTests {

    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - if [ -f node_modules/marker ]; then echo "cache hit $(cat node_modules/marker)"; else echo "cache miss"; fi
                    - mkdir -p node_modules/.bin node_modules/big node_modules/.cache dist
                    - echo "$AWS_JOB_ID" > node_modules/marker; echo big > node_modules/big/blob; echo tmp > node_modules/.cache/x
                    - ln -sf ../marker node_modules/.bin/marker
                    - echo '<h1>ok</h1>' > dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
              cache:
                paths:
                  - node_modules/**/*
                  - '!node_modules/big/**'
                  - /usr/lib/node_modules/**/*
            """;

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("build-cache-tests");
    }

    @Test
    void cacheIsSavedAfterSuccessAndRestoredBeforeTheNextBuild() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), "cached", Map.of("amplify.yml", SPEC));
        RecordingReporter first = new RecordingReporter();
        RecordingReporter second = new RecordingReporter();
        JobCompletion saved;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            JobExecutionService service = service(executor, temp, blobs, Duration.ofMinutes(2), 512L << 20);
            saved = service.execute(job(daemon.url("cached"), commits[0].name(), Map.of(), Map.of(), null), first,
                    new JobControl());
            assertThat(saved.status()).as(first.log()).isEqualTo("SUCCEED");
            assertThat(saved.cacheHash()).isNotNull();
            assertThat(first.completions).as("what the control plane receives").containsExactly(saved);
            service.execute(job(daemon.url("cached"), commits[0].name(), Map.of(), Map.of(), saved.cacheHash()),
                    second, new JobControl());
        }
        assertThat(first.lines).contains("[slipway] No build cache to restore", "cache miss");
        assertThat(second.lines).contains("[slipway] Restored the build cache (1 files)", "cache hit 0000000001");
        Path restored = temp.resolve("restored");
        TarArchives.extract(new ByteArrayInputStream(blobs.read(saved.cacheHash())), restored, false);
        assertThat(restored.resolve("node_modules/marker")).hasContent("0000000001");
        assertThat(restored.resolve("node_modules/.bin/marker")).isSymbolicLink();
        assertThat(restored.resolve("node_modules/big")).doesNotExist();
        assertThat(restored.resolve("node_modules/.cache")).doesNotExist();
    }
}
