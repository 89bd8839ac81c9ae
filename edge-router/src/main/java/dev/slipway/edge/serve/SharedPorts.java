package dev.slipway.edge.serve;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.StandardSocketOptions;
import reactor.netty.http.server.HttpServer;

/**
 * SO_REUSEPORT on the edge's listening sockets (SLIPWAY_EDGE_REUSE_PORT). A rolling update on a host's ports (Swarm
 * services on the host network, deploy/swarm) starts the new edge while the old one still listens: with the option
 * both bind, the kernel spreads new connections over them, and the old edge's graceful shutdown closes its socket
 * and finishes what it has. Connections the old socket had queued but not yet accepted move to the new one only with
 * the host's {@code net.ipv4.tcp_migrate_req=1} (Linux 5.14+); deploy/swarm/up.sh sets it.
 */
public final class SharedPorts {

    private SharedPorts() {
    }

    /** The server with SO_REUSEPORT on its listening socket, for the transport Reactor Netty picks. */
    public static HttpServer reusePort(HttpServer server) {
        // Reactor Netty uses epoll when Netty's native library loads (the edge ships it), NIO otherwise; each
        // transport knows only its own option and would ignore the other's with a warning
        return Epoll.isAvailable()
                ? server.option(EpollChannelOption.SO_REUSEPORT, true)
                : server.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
    }
}
