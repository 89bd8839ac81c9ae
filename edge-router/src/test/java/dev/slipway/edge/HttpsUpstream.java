package dev.slipway.edge;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Another origin for 200 rewrites: an HTTPS server (self-signed for {@code localhost}, made with the JDK's keytool)
 * that echoes the path, query and Host header it received. The edge under test reaches it because
 * {@code slipway.edge.proxy-allow} lists loopback and trusts it through {@code slipway.edge.proxy-ca-bundle}
 * ({@link #caBundle()}).
 */
final class HttpsUpstream implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private final Path caBundle;

    HttpsUpstream(Path dir) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        caBundle = dir.resolve("upstream.pem");
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(dir, caBundle)));
        server.createContext("/", exchange -> {
            try (exchange) {
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                for (String name : List.of("Authorization", "Cookie")) {
                    if (exchange.getRequestHeaders().containsKey(name)) {
                        credentials.add(name);
                    }
                }
                byte[] body = ("upstream " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** A name, not a literal address: rules naming a loopback address literally are refused whatever is allowed. */
    String origin() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    List<String> hosts() {
        return hosts;
    }

    /** Names of the credential headers (Authorization, Cookie) that reached this origin. */
    List<String> credentials() {
        return credentials;
    }

    /** The server's certificate as PEM. */
    Path caBundle() {
        return caBundle;
    }

    private static SSLContext sslContext(Path dir, Path pem) throws Exception {
        Path store = dir.resolve("upstream.p12");
        keytool("-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", store.toString(), "-storepass",
                new String(PASSWORD), "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
