package dev.slipway.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
                Thread.ofVirtual().start(() -> pump(client, target, sent));
                Thread.ofVirtual().start(() -> pump(target, client, new AtomicLong()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                counter.addAndGet(n);
                out.write(buffer, 0, n);
            }
        } catch (IOException closed) {
            // either side hung up
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
