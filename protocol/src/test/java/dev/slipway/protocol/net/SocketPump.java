package dev.slipway.protocol.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.LongConsumer;

/** Copies one direction of a forwarded TCP connection, for tests' proxies and load balancers. */
public final class SocketPump {

    private SocketPump() {
    }

    /**
     * Copies {@code from} to {@code to} until either side hangs up, then closes both (so the other direction ends too).
     * {@code counted} hears the size of every chunk copied.
     */
    public static void pump(Socket from, Socket to, LongConsumer counted) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                counted.accept(n);
                out.write(buffer, 0, n);
            }
        } catch (IOException closed) {
            // either side hung up
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    public static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
