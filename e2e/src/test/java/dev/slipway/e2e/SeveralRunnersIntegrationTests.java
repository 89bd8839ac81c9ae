package dev.slipway.e2e;

import static dev.slipway.e2e.CrashSafetyIntegrationTests.SLOW_SPEC;
import static dev.slipway.e2e.CrashSafetyIntegrationTests.awaitSleeping;
import static dev.slipway.e2e.CrashSafetyIntegrationTests.finish;
import static dev.slipway.e2e.CrashSafetyIntegrationTests.jobs;
import static dev.slipway.e2e.CrashSafetyIntegrationTests.repository;
import static dev.slipway.e2e.CrashSafetyIntegrationTests.startedApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second runner process ({@code ./slipway runner}) beside the stack's own, each building one job at a time: two
 * jobs run at the same time, one per runner, and each job runs exactly once. One of the sites keeps its headers in
 * amplify.yml's legacy {@code frontend.customHeaders}, which the edge serves like customHttp.yml's.
 */
class SeveralRunnersIntegrationTests {

    private static final String LEGACY_HEADERS = """
              customHeaders:
                - pattern: '**/*'
                  headers:
                    - key: X-Legacy-Header
                      value: from amplify.yml
            """;

    @TempDir
    Path temp;

    @Test
    void aSecondRunnerSharesTheQueueAndNoJobRunsTwice() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository one = repository(temp, "one", "Built by some runner", SLOW_SPEC);
             SiteRepository two = repository(temp, "two", "Built by another runner", SLOW_SPEC + LEGACY_HEADERS);
             SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token)) {
            ProcessBuilder builder = new ProcessBuilder(SlipwayStack.projectRoot().resolve("slipway").toString(), "runner")
                    .directory(SlipwayStack.projectRoot().toFile()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("second-runner.log").toFile());
            builder.environment().put("SLIPWAY_DATA_DIR", stack.dataDir.toString());
            builder.environment().put("SLIPWAY_API_PORT", Integer.toString(stack.apiPort));
            builder.environment().put("SLIPWAY_ALLOW_FILE_REPOS", "true");
            builder.environment().put("SLIPWAY_SKIP_BUILD", "true");
            Process secondRunner = builder.start();
            try {
                Api api = new Api(stack.apiUrl(), token);
                String first = startedApp(api, "one", one);
                String second = startedApp(api, "two", two);
                for (String appId : List.of(first, second)) {
                    assertThat(awaitSleeping(api, appId)).as("two runners of one slot each build at the same time: "
                            + read(temp.resolve("second-runner.log").toFile())).contains("# Executing command: sleep 8");
                }
                for (String appId : List.of(first, second)) {
                    assertThat(finish(api, appId)).isEqualTo("SUCCEED");
                    String log = api.get(jobs(appId) + "/1/logs").body();
                    assertThat(log.split("## Starting phase: build", -1)).as("built once: " + log).hasSize(2);
                }
                assertThat(api.siteShowing(stack.edgeUrl(), "main." + second + ".localhost", "/",
                        "Built by another runner").body()).contains("Built by another runner");
                HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(stack.edgeUrl() + "/")).header("Host", "main." + second + ".localhost").build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(page.headers().firstValue("X-Legacy-Header")).as("legacy customHeaders reach the edge")
                        .contains("from amplify.yml");
            } finally {
                secondRunner.destroy();
                if (!secondRunner.waitFor(30, TimeUnit.SECONDS)) {
                    secondRunner.destroyForcibly();
                }
            }
        }
    }

    private static String read(File file) {
        try {
            return java.nio.file.Files.readString(file.toPath());
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
