package dev.slipway.edge;

import dev.slipway.edge.feed.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real edge application in this JVM on a random port, and a java.net.http client that sets the Host header. */
public final class RunningEdge implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningEdge(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** @param extraArgs more {@code --name=value} properties; the ports given here replace the random ones */
    public static RunningEdge start(Path dataDir, String controlPlaneUrl, String token, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--slipway.edge.data-dir=" + dataDir,
                "--slipway.edge.control-plane-url=" + controlPlaneUrl,
                "--slipway.edge.token=" + token,
                "--slipway.edge.poll-wait=1s"));
        for (String port : List.of("--server.port=", "--slipway.edge.https-port=")) {
            if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith(port))) {
                args.add(port + "0");
            }
        }
        args.addAll(List.of(extraArgs));
        // the tests write blobs into the data dir as `./slipway up` shares it; without a store an edge would read
        // through the control plane
        if (args.stream().noneMatch(arg -> arg.startsWith("--slipway.edge.blobs.store="))) {
            args.add("--slipway.edge.blobs.store=file:" + dataDir.resolve("blobs"));
        }
        return new RunningEdge(new SpringApplicationBuilder(EdgeApplication.class).main(EdgeApplication.class)
                .run(args.toArray(String[]::new)));
    }

    /** An edge with no control plane to reach, serving {@code manifest} at {@code host} from its disk snapshot. */
    public static RunningEdge servingFromDisk(Path dataDir, long routeVersion, String host, String manifest,
            String... extraArgs) throws IOException {
        new SnapshotStore(dataDir.resolve("edge/routes.json")).save(TestSites.snapshot(routeVersion, host, manifest));
        return start(dataDir, "http://127.0.0.1:" + TestSites.closedPort(), "edge-token", extraArgs);
    }

    public int port() {
        return port;
    }

    /** Where metrics and probes answer (a free port unless the test chose one). */
    public int managementPort() {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<byte[]> send(String method, String host, String rawPath, String... headers)
            throws IOException, InterruptedException {
        return exchange(method, host, rawPath, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public HttpResponse<byte[]> post(String host, String rawPath, String body) throws IOException, InterruptedException {
        return exchange("POST", host, rawPath, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<byte[]> exchange(String method, String host, String rawPath, HttpRequest.BodyPublisher body,
                                          String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                .method(method, body)
                .timeout(Duration.ofSeconds(10))
                .header("Host", host);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> get(String host, String rawPath, String... headers) throws IOException, InterruptedException {
        return send("GET", host, rawPath, headers);
    }

    /** A GET from {@code localAddress} (127.0.0.x: the firewall tests' visitors), on a connection of its own. */
    public HttpResponse<String> getFrom(String localAddress, String host, String rawPath, String... headers)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(java.net.InetAddress.getByName(localAddress)).connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                    .timeout(Duration.ofSeconds(10)).header("Host", host);
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Closes each of {@code closeables} that is not null, best effort: for a test class's {@code @AfterAll}. */
    public static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }
}
