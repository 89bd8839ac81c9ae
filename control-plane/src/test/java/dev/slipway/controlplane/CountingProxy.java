package dev.slipway.controlplane;

import dev.slipway.protocol.net.SocketPump;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of the control plane that counts the bytes clients send through it, so a test measures
 * what travelled instead of trusting the client's own report; it can also drop the first connections, as a
 * restarting control plane would.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger toDrop = new AtomicInteger();

    CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("counting-proxy").start(this::accept);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Bytes clients sent so far (requests: headers and bodies). */
    long sent() {
        return sent.get();
    }

    /** Closes the next {@code connections} connections at once, without an answer. */
    void drop(int connections) {
        toDrop.set(connections);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofVirtual().start(() -> SocketPump.pump(client, target, sent::addAndGet));
                Thread.ofVirtual().start(() -> SocketPump.pump(target, client, n -> { }));
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
