package dev.slipway.edge.tls;

import dev.slipway.edge.EdgeProperties;
import dev.slipway.protocol.crypto.AesGcm;
import dev.slipway.protocol.edge.EdgeApi;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Opens the private keys of certificate bundles with the TLS key shared with the control plane: SLIPWAY_TLS_KEY,
 * else {@code <data-dir>/keys/tls.key}, else the control plane's ({@link EdgeApi#TLS_KEY}, edge token), kept in that
 * file with owner-only permissions so that a restart with the control plane away still serves HTTPS. Read on first
 * use, because on a first start the control plane may create the file after the edge started.
 */
final class TlsKeyring {

    private final EdgeProperties properties;
    private volatile AesGcm cipher;

    TlsKeyring(EdgeProperties properties) {
        this.properties = properties;
    }

    String open(String sealedKeyPem) throws IOException {
        return cipher().decrypt(sealedKeyPem);
    }

    private AesGcm cipher() throws IOException {
        AesGcm known = cipher;
        if (known != null) {
            return known;
        }
        String key = properties.tlsKey();
        if (key == null || key.isBlank()) {
            key = Files.isRegularFile(properties.tlsKeyFile()) ? Files.readString(properties.tlsKeyFile()).trim()
                    : fetchAndKeep(properties.tlsKeyFile());
        }
        cipher = AesGcm.fromBase64(key);
        return cipher;
    }

    private String fetchAndKeep(Path file) throws IOException {
        if (!properties.hasToken()) {
            throw new IOException("no TLS key: set SLIPWAY_TLS_KEY, or SLIPWAY_EDGE_TOKEN to fetch the control plane's");
        }
        HttpRequest request = HttpRequest.newBuilder(properties.controlPlaneUrl().resolve(EdgeApi.TLS_KEY))
                .header("Authorization", "Bearer " + properties.token())
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the TLS key", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("no TLS key: the control plane answered HTTP " + response.statusCode() + " at "
                    + EdgeApi.TLS_KEY + " (check SLIPWAY_EDGE_TOKEN, or set SLIPWAY_TLS_KEY)");
        }
        String key = response.body().trim();
        AesGcm.fromBase64(key); // refuse to keep something that is not a key
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "tls.key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, key + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }
}
