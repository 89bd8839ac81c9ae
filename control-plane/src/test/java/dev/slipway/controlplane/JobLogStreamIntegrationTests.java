package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LogBatch;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The build log as server-sent events over real HTTP: lines arrive while the runner ships them, each with its line
 * number as id; a reconnect with Last-Event-ID resumes after that line; the stream ends with the final status.
 */
class JobLogStreamIntegrationTests extends ControlPlaneIntegrationTest {

    private record Event(String id, String name, String data) {
    }

    @Test
    void linesStreamLiveResumeAfterLastEventIdAndTheStreamEndsWithTheJob() throws Exception {
        String appId = createAppWithBranch("main", null);
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        // the runner protocol names jobs by their internal id, the API by their number on the branch
        String stream = "/api/v1/apps/" + appId + "/branches/main/jobs/1/logs/stream";
        runner("POST", "/runner/v1/jobs/" + jobId + "/logs", leaseId, new LogBatch(0, List.of("one", "two")));

        try (InputStream body = open(stream, null)) {
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(next(events)).isEqualTo(new Event("0", null, "one"));
            assertThat(next(events)).isEqualTo(new Event("1", null, "two"));
            assertThat(next(events)).isEqualTo(new Event(null, "status", "PROVISIONING"));

            runner("POST", "/runner/v1/jobs/" + jobId + "/logs", leaseId, new LogBatch(2, List.of("three")));
            assertThat(next(events)).as("a line shipped after the stream opened").isEqualTo(new Event("2", null, "three"));
            runner("POST", "/runner/v1/jobs/" + jobId + "/complete", leaseId,
                    new JobCompletion("FAILED", "tests failed", null));
            List<Event> rest = new ArrayList<>();
            for (Event event = next(events); event != null; event = next(events)) {
                rest.add(event);
            }
            assertThat(rest).endsWith(new Event(null, "end", "FAILED"));
        }

        try (InputStream body = open(stream, "0")) {
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(next(events)).as("resumes after line 0").isEqualTo(new Event("1", null, "two"));
            assertThat(next(events)).isEqualTo(new Event("2", null, "three"));
        }
        assertThat(call("GET", stream, ADMIN_TOKEN, null, Map.of("Last-Event-ID", "x")).status()).isEqualTo(400);

        // GET …/logs asked for text/event-stream is the same stream; any other Accept still gets the text
        String logs = "/api/v1/apps/" + appId + "/branches/main/jobs/1/logs";
        try (InputStream body = open(logs, "0")) {
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(next(events)).as("resumes after line 0").isEqualTo(new Event("1", null, "two"));
            assertThat(next(events)).isEqualTo(new Event("2", null, "three"));
        }
        try (InputStream body = open(logs, null)) {
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(next(events)).isEqualTo(new Event("0", null, "one"));
        }
        for (String accept : new String[] {null, "*/*", "text/plain", "text/*", "application/json, */*;q=0.5"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + logs))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN);
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<String> text = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(text.statusCode()).as("Accept: %s", accept).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type").orElse("")).as("Accept: %s", accept)
                    .startsWith("text/plain");
            assertThat(text.body()).as("Accept: %s", accept).startsWith("one\ntwo\nthree\n");
        }
    }

    private InputStream open(String path, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return response.body();
    }

    /** The next event, skipping comments; null at the end of the stream. */
    private static Event next(BufferedReader reader) throws Exception {
        String id = null;
        String name = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, name, data);
                }
                continue;
            }
            if (line.startsWith("id:")) {
                id = line.substring(3);
            } else if (line.startsWith("event:")) {
                name = line.substring(6);
            } else if (line.startsWith("data:")) {
                data = line.substring(5);
            }
        }
        return null;
    }
}
