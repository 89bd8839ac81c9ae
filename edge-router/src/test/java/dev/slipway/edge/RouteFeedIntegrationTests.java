package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge follows a real HTTP route feed, switches deployments within one poll, and keeps serving (from memory,
 * then from its disk snapshot after a restart) once the control plane is gone.
 */
class RouteFeedIntegrationTests {

    private static final String HOST = "main.dabc123.localhost";
    private static final String TOKEN = "edge-secret";

    @TempDir
    Path dataDir;

    @Test
    void followsTheFeedAndSurvivesItsLoss() throws Exception {
        TestSites sites = TestSites.in(dataDir);
        String first = sites.file("index.html", "<h1>first</h1>").deploy();
        String second = sites.file("index.html", "<h1>second</h1>").file("new.html", "new").deploy();

        try (FakeControlPlane controlPlane = new FakeControlPlane(TOKEN, TestSites.snapshot(1, HOST, first))) {
            try (RunningEdge edge = RunningEdge.start(dataDir, controlPlane.url(), TOKEN)) {
                await(() -> text(edge.get(HOST, "/")).equals("<h1>first</h1>"), Duration.ofSeconds(10));
                assertThat(Files.exists(dataDir.resolve("edge/routes.json"))).isTrue();

                long published = System.nanoTime();
                controlPlane.publish(TestSites.snapshot(2, HOST, second));
                await(() -> text(edge.get(HOST, "/")).equals("<h1>second</h1>"), Duration.ofSeconds(5));
                // the waiting long-poll is answered at once, so the switch takes far less than one poll wait (1 s)
                assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
                assertThat(edge.get(HOST, "/new").statusCode()).isEqualTo(200);
                assertThat(controlPlane.refused()).isZero();
                // every poll names this edge the same way (edges sharing a token are told apart by it)
                String edgeId = Files.readString(dataDir.resolve("edge/instance-id")).trim();
                assertThat(edgeId).matches("[0-9a-f]{16}");
                assertThat(controlPlane.queries()).contains("since=0&waitMillis=1000&edge=" + edgeId,
                        "since=1&waitMillis=1000&edge=" + edgeId);

                controlPlane.close();
                Thread.sleep(2_500); // several failed polls with backoff
                assertThat(text(edge.get(HOST, "/"))).isEqualTo("<h1>second</h1>");
                assertThat(text(edge.get("x", "/_slipway/health"))).contains("\"routeVersion\":2");
            }
        }

        // control plane still down: a fresh edge serves straight from the snapshot it persisted
        try (RunningEdge restarted = RunningEdge.start(dataDir, "http://127.0.0.1:" + TestSites.closedPort(), TOKEN)) {
            assertThat(text(restarted.get(HOST, "/"))).isEqualTo("<h1>second</h1>");
            assertThat(restarted.get(HOST, "/new").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheEdgeServesNothingNew() throws Exception {
        String deployed = TestSites.in(dataDir).file("index.html", "hi").deploy();
        try (FakeControlPlane controlPlane = new FakeControlPlane(TOKEN, TestSites.snapshot(1, HOST, deployed));
             RunningEdge edge = RunningEdge.start(dataDir, controlPlane.url(), "wrong")) {
            await(() -> controlPlane.refused() > 0, Duration.ofSeconds(10));
            assertThat(edge.get(HOST, "/").statusCode()).isEqualTo(404);
            assertThat(text(edge.get(HOST, "/_slipway/health"))).contains("\"routeVersion\":0");
        }
    }

    private static void await(Callable<Boolean> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
