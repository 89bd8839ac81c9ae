package dev.slipway.e2e.security;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.e2e.SlipwayStack;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a {@code ./slipway up} whose start fails exits, and must not leave the processes it already started
 * running (a control plane and runner nobody stops, holding the ports and the database).
 */
class FailedStartIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void aStartThatFailsStopsEveryProcessItStarted() throws Exception {
        int edgePort = SlipwayStack.freePort();
        Path data = temp.resolve("data");
        // taken on another loopback address: the launcher's check (a connect to 127.0.0.1) passes, the edge's bind on
        // all addresses fails once the control plane and the runner are already up
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.2", edgePort));

            assertThatThrownBy(() -> SlipwayStack.start(data, "failed-start",
                    Map.of("SLIPWAY_EDGE_PORT", Integer.toString(edgePort))))
                    .hasMessageContaining("slipway up exited")
                    .hasMessageContaining("the edge router exited during start");
        }

        List<ProcessHandle> left = await(Duration.ofSeconds(20), () -> SlipwayStack.processesUsing(data),
                List::isEmpty);
        assertThat(left).as(() -> "processes of " + data + " still running: " + left.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
    }
}
