package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.slipway.protocol.metrics.PrometheusText.value;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.runner.RunnerApplication;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runner application's management server: probes answer, and after a real build in the build image its
 * Prometheus page shows the build, the container start, the uploaded bytes and the cache miss. The build runs through
 * the application's own blob store (counting uploads), outside its lease loop (no control plane here); the runner's
 * meters are process-wide, so values are compared before and after.
 */
class RunnerMetricsIntegrationTests {

    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist && echo "<h1>metrics</h1>" > dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
              cache:
                paths:
                  - .cache/**/*
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theManagementServerShowsABuildsMeters() throws Exception {
        DockerExecutor executor = BuildImage.executor("runner-metrics-tests");
        try (ServerSocket closed = new ServerSocket(0);
             ConfigurableApplicationContext runner = new SpringApplicationBuilder(RunnerApplication.class).run(
                     "--slipway.runner.management-port=0",
                     // no control plane: the lease loop retries in the background, the build below runs directly
                     "--slipway.runner.control-plane-url=http://127.0.0.1:" + closed.getLocalPort(),
                     "--slipway.runner.token=none",
                     "--slipway.runner.data-dir=" + temp.resolve("data"),
                     "--slipway.runner.blobs.store=file:" + temp.resolve("blobs"),
                     "--slipway.runner.executor=local",
                     "--slipway.runner.compute.enabled=false")) {
            int port = Integer.parseInt(runner.getEnvironment().getProperty("local.server.port"));
            for (String probe : new String[] {"liveness", "readiness"}) {
                HttpResponse<String> answer = get(port, "/actuator/health/" + probe);
                assertThat(answer.statusCode()).as(probe).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"UP\"");
            }
            String before = get(port, "/actuator/prometheus").body();

            BlobStore blobs = runner.getBean(BlobStore.class);
            JobExecutionSettings settings = new JobExecutionSettings(executor, temp.resolve("data/runner/work"),
                    Duration.ofMinutes(2), 512L << 20, 1_000_000_000L, "runner-metrics-tests");
            JobExecutionService service = new JobExecutionService(new GitCheckout(new RepositoryPolicy(false)),
                    settings, new ArtifactCollector(blobs), new BuildCache(blobs));
            RevCommit[] commits = GitRepos.create(temp.resolve("served"), "site", Map.of("amplify.yml", SPEC));
            RecordingReporter reporter = new RecordingReporter();
            JobCompletion completion;
            try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
                completion = service.execute(JobExecutionIntegrationTests.job(daemon.url("site"), commits[0].name(), Map.of()),
                        reporter, new JobControl());
            }
            assertThat(completion.status()).as(reporter.log()).isEqualTo("SUCCEED");

            String after = get(port, "/actuator/prometheus").body();
            assertThat(value(after, "slipway_runner_builds_total", "result", "SUCCEED"))
                    .isEqualTo(value(before, "slipway_runner_builds_total", "result", "SUCCEED") + 1);
            assertThat(value(after, "slipway_runner_builds_running")).isZero();
            assertThat(value(after, "slipway_runner_container_start_seconds_count", "kind", "build"))
                    .isGreaterThan(value(before, "slipway_runner_container_start_seconds_count", "kind", "build"));
            assertThat(after).contains("slipway_runner_container_start_seconds_bucket{");
            // index.html and the deployment manifest, at least
            assertThat(value(after, "slipway_runner_upload_bytes_total"))
                    .isGreaterThan(value(before, "slipway_runner_upload_bytes_total") + 16);
            assertThat(value(after, "slipway_runner_build_cache_total", "result", "miss"))
                    .isEqualTo(value(before, "slipway_runner_build_cache_total", "result", "miss") + 1);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
