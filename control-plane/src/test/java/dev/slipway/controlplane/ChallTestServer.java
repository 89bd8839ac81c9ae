package dev.slipway.controlplane;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's {@code pebble-challtestsrv} as a real DNS server whose records tests set over its management API. A test
 * that needs it fails when the package is missing ({@code apt-get install pebble}).
 */
final class ChallTestServer implements AutoCloseable {

    final int dnsPort;
    private final int managementPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    ChallTestServer() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/pebble-challtestsrv");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("pebble-challtestsrv is missing: apt-get install pebble");
        }
        dnsPort = freePort();
        managementPort = freePort();
        process = new ProcessBuilder(binary.toString(), "-dns01", "127.0.0.1:" + dnsPort, "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + managementPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            try {
                manage("clear-txt", "{\"host\":\"ready.test.\"}");
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("pebble-challtestsrv did not start");
    }

    String resolver() {
        return "127.0.0.1:" + dnsPort;
    }

    void setTxt(String name, String value) throws IOException, InterruptedException {
        manage("set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + value + "\"}");
    }

    void clearTxt(String name) throws IOException, InterruptedException {
        manage("clear-txt", "{\"host\":\"" + name + ".\"}");
    }

    void addCaaIssuer(String name, String issuer) throws IOException, InterruptedException {
        manage("add-caa", "{\"host\":\"" + name + ".\",\"policies\":[{\"tag\":\"issue\",\"value\":\"" + issuer
                + "\"}]}");
    }

    private void manage(String operation, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/" + operation))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(operation + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
