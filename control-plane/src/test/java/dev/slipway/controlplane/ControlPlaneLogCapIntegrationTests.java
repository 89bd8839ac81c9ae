package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LogBatch;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The control plane's own log cap, with a tiny one (its own context): lines past it are dropped behind one marker,
 * yet acknowledged, so the runner moves on; the job completes as usual.
 */
@TestPropertySource(properties = "slipway.control-plane.max-log-size=1KB")
class ControlPlaneLogCapIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String MARKER = "[slipway] The log reached the control plane's limit of 1 KB "
            + "(SLIPWAY_MAX_LOG_SIZE); later lines are not kept (the build goes on)";

    @Test
    void linesPastTheCapAreDroppedBehindOneMarkerAndStillAcknowledged() throws Exception {
        String appId = createAppWithBranch("main", null);
        startJob(appId, "main");
        JsonNode lease = leaseFor(appId);
        long jobId = lease.path("jobId").asLong();
        String leaseId = lease.path("leaseId").asString();
        // 99 bytes a line with its newline: ten fit in 1 KB (990 bytes), the eleventh does not
        List<String> lines = IntStream.range(0, 30).mapToObj(i -> String.format("line %02d ", i) + "x".repeat(90))
                .toList();

        assertThat(send(jobId, leaseId, 0, lines.subList(0, 20))).isEqualTo(20);
        assertThat(send(jobId, leaseId, 20, lines.subList(20, 30))).as("acknowledged though dropped").isEqualTo(30);
        assertThat(send(jobId, leaseId, 0, lines)).as("a resend changes nothing").isEqualTo(30);
        assertThat(send(jobId, leaseId, 30, List.of("late"))).isEqualTo(31);

        Response done = runner("POST", "/runner/v1/jobs/" + jobId + "/complete", leaseId,
                new JobCompletion("FAILED", "tests failed", null));
        assertThat(done.status()).isEqualTo(200);
        String log = api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/1/logs", null).body();
        assertThat(log.lines().toList()).containsExactlyElementsOf(
                java.util.stream.Stream.concat(lines.subList(0, 10).stream(), java.util.stream.Stream.of(MARKER))
                        .toList());
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/1", null).json().path("job")
                .path("summary").path("status").asString()).isEqualTo("FAILED");
    }

    private long send(long jobId, String leaseId, long from, List<String> lines) throws Exception {
        return runner("POST", "/runner/v1/jobs/" + jobId + "/logs", leaseId, new LogBatch(from, lines)).json()
                .path("next").asLong();
    }
}
