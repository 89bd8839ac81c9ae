package dev.slipway.e2e.cluster;

import dev.slipway.protocol.net.SocketPump;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A round-robin TCP load balancer without stickiness, as a cloud's network load balancer in front of control
 * planes: each new connection goes to the next backend that accepts it, so a dead backend is skipped at once.
 */
public final class TcpBalancer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();

    private TcpBalancer(ServerSocket server, List<Integer> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
    }

    public static TcpBalancer start(int port, List<Integer> backendPorts) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        TcpBalancer balancer = new TcpBalancer(server, backendPorts);
        Thread.ofPlatform().daemon().name("balancer-" + port).start(balancer::accept);
        return balancer;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        Socket backend = connectToNext();
        if (backend == null) {
            SocketPump.closeQuietly(client);
            return;
        }
        Thread.ofVirtual().start(() -> SocketPump.pump(client, backend, n -> { }));
        SocketPump.pump(backend, client, n -> { });
    }

    private Socket connectToNext() {
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", backends.get((first + i) % backends.size())), 1000);
                return socket;
            } catch (IOException down) {
                SocketPump.closeQuietly(socket);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
