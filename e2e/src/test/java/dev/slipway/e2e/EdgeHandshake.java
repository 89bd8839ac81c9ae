package dev.slipway.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A browser's view of the edge's HTTPS port without DNS: connect to 127.0.0.1, send the domain as SNI, verify the
 * chain against the given trust and the name against the domain (endpoint identification uses the SNI name), then
 * one HTTP/1.1 GET (or only the handshake, to see ALPN pick h2).
 */
final class EdgeHandshake {

    record Result(X509Certificate leaf, String protocol, String response) {
    }

    private EdgeHandshake() {
    }

    static Result get(SSLContext trust, int port, String host, List<String> alpn, String path) throws IOException {
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(alpn.toArray(String[]::new));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            String response = null;
            if (path != null) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result((X509Certificate) socket.getSession().getPeerCertificates()[0],
                    socket.getApplicationProtocol(), response);
        }
    }
}
