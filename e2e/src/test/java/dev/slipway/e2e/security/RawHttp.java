package dev.slipway.e2e.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Requests written byte for byte, for what an HTTP client library would never send (two Host headers). */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} (CRLF line ends added) and reads the answer until the server closes or 10 s pass. */
    public static String exchange(int port, String... lines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException keptOpen) {
                // a keep-alive answer: what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
