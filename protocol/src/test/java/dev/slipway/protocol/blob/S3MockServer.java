package dev.slipway.protocol.blob;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock's executable jar (copied to {@code target/s3mock} by the build) as its own JVM: a real S3-compatible server
 * over HTTP, without its Spring Boot sharing our classpath (stack-notes §2.19).
 */
public final class S3MockServer implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("slipway.s3mock.jar", "target/s3mock/s3mock-exec.jar"));

    private final Process process;
    private final Path root;
    private final Path log;
    private final int port;
    private S3Client client;

    private S3MockServer(Process process, Path root, Path log, int port) {
        this.process = process;
        this.root = root;
        this.log = log;
        this.port = port;
    }

    /** A server with {@code bucket}, storing under a temporary directory that {@link #close} deletes. */
    public static S3MockServer start(String bucket) throws IOException, InterruptedException {
        return start(Files.createTempDirectory("s3mock-root"), bucket);
    }

    private static S3MockServer start(Path root, String bucket) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run through Maven's verify phase "
                    + "(maven-dependency-plugin copies it in pre-integration-test)");
        }
        int port = freePort();
        Path log = Files.createTempFile("s3mock", ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // server.port is S3Mock's HTTPS connector: 0 lets it bind any, we use the HTTP one only
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-jar", JAR.toString(),
                "--server.port=0", "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
                "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket, "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(process, root, log, port);
        server.awaitAnswer(bucket);
        return server;
    }

    private void awaitAnswer(String bucket) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("S3Mock did not answer within 180 s:\n" + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** One client for the server's lifetime; S3Mock accepts any key pair. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3BlobStore.client(endpoint(), "us-east-1",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("slipway", "slipway-secret")));
        }
        return client;
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
        org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }

    /**
     * A port free now, below the kernel's ephemeral range, for the same reason as e2e's SlipwayStack.freePort: S3Mock
     * binds it seconds later, and a port from {@code bind(0)} may meanwhile be taken by an outgoing connection.
     */
    static int freePort() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int below = Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32768;
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, below);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (BindException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port between 20000 and " + below);
    }
}
