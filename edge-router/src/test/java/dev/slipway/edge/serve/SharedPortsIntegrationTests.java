package dev.slipway.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.edge.RunningEdge;
import dev.slipway.edge.TestSites;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLIPWAY_EDGE_REUSE_PORT: while an edge listens, another process may bind its HTTP and HTTPS ports too (the next
 * edge of a rolling update on a host's ports, deploy/swarm; the Swarm test shows the hand-over losing no request).
 * Without the setting the ports stay the edge's alone. The other party here is a plain socket: two edges in one JVM
 * share Reactor Netty's event loops, which the first to stop would take down with it.
 */
class SharedPortsIntegrationTests {

    private static final String HOST = "main.shared.localhost";

    @TempDir
    Path dataDir;

    @Test
    void withTheSettingAnotherListenerBindsBothPortsBesideTheEdge() throws Exception {
        int http = TestSites.closedPort();
        int https = TestSites.closedPort();
        try (RunningEdge edge = edge(http, https, true)) {
            // no request while the other socket listens: the kernel would hand it some connections it never accepts
            try (ServerSocketChannel second = sharing(http); ServerSocketChannel secondTls = sharing(https)) {
                assertThat(second.socket().getLocalPort()).isEqualTo(edge.port());
                assertThat(secondTls.socket().getLocalPort()).isEqualTo(https);
            }
            assertThat(RunningEdge.text(edge.get(HOST, "/"))).contains("shared");
        }
    }

    @Test
    void withoutItThePortsAreTheEdgesAlone() throws Exception {
        int http = TestSites.closedPort();
        int https = TestSites.closedPort();
        try (RunningEdge edge = edge(http, https, false)) {
            assertThatThrownBy(() -> sharing(http).close()).isInstanceOf(BindException.class);
            assertThatThrownBy(() -> sharing(https).close()).isInstanceOf(BindException.class);
            assertThat(RunningEdge.text(edge.get(HOST, "/"))).contains("shared");
        }
    }

    private RunningEdge edge(int http, int https, boolean reusePort) throws IOException {
        String manifest = TestSites.in(dataDir).file("index.html", "<h1>shared</h1>").deploy();
        return RunningEdge.servingFromDisk(dataDir, 3, HOST, manifest, "--server.port=" + http,
                "--slipway.edge.https-port=" + https, "--slipway.edge.reuse-port=" + reusePort);
    }

    private static ServerSocketChannel sharing(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(new InetSocketAddress(port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
