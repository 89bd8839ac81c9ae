package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.SiteRepository;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 L2: a build that prints an SGR escape with a number larger than an int. The console's job page still
 * renders, and its live log stream still delivers the lines after that one and ends.
 */
class JobLogEscapesIntegrationTests {

    private static final String AMPLIFY_YML = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - printf '\\033[99999999999mafter a bad escape\\n'
                    - echo "the line after the escape"
                    - mkdir -p dist
                    - cp -r site/* dist/
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;

    @Test
    void anOverflowingSgrNumberNeitherBreaksTheJobPageNorStopsTheLogStream() throws Exception {
        try (SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("sgr"))) {
            repo.commitPage("Escapes", AMPLIFY_YML);
            String appId = SecurityStack.createApp("sgr", repo.url(), Map.of()).path("appId").asString();
            String jobId = ControlPlaneHardeningIntegrationTests.start(appId);
            JsonNode job = ControlPlaneHardeningIntegrationTests.awaitFinished(appId, jobId, Duration.ofMinutes(3));
            assertThat(job.path("status").asString()).as("%s", job).isEqualTo("SUCCEED");
            assertThat(SecurityStack.api().get(ControlPlaneHardeningIntegrationTests.jobPath(appId, jobId) + "/logs")
                    .body()).as("the build's log holds the escape").contains("\u001B[99999999999mafter a bad escape");

            ConsoleSession console = ConsoleSession.admin();
            String page = "/apps/" + appId + "/branches/main/jobs/" + jobId;
            HttpResponse<InputStream> stream = console.stream(page + "/log/stream?after=-1");
            assertThat(stream.statusCode()).isEqualTo(200);
            CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> readUntilEnd(stream.body()));
            try {
                assertThat(String.join("\n", events.get(30, TimeUnit.SECONDS)))
                        .contains("after a bad escape", "the line after the escape", "event:end");
            } catch (TimeoutException stalled) {
                throw new AssertionError("the log stream stalled at the escape and never ended", stalled);
            } finally {
                stream.body().close();
            }
            HttpResponse<String> shown = console.get(page, Map.of());
            assertThat(shown.statusCode()).as("the job page").isEqualTo(200);
            assertThat(shown.body()).contains("after a bad escape", "the line after the escape");
        }
    }

    private static List<String> readUntilEnd(InputStream body) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("event:end")) {
                    break;
                }
            }
        } catch (java.io.IOException closed) {
            // closed after the timeout
        }
        return lines;
    }
}
