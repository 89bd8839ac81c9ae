package dev.slipway.edge.tls;

import dev.slipway.edge.EdgeProperties;
import dev.slipway.protocol.crypto.AesGcm;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Opens the private keys of certificate bundles with the TLS key shared with the control plane: SLIPWAY_TLS_KEY,
 * else {@code <data-dir>/keys/tls.key}. Read on first use, because on a first start the control plane may create the
 * file after the edge started.
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
            if (!Files.isRegularFile(properties.tlsKeyFile())) {
                throw new IOException("no TLS key: set SLIPWAY_TLS_KEY to the control plane's (or share "
                        + properties.tlsKeyFile() + ")");
            }
            key = Files.readString(properties.tlsKeyFile()).trim();
        }
        cipher = AesGcm.fromBase64(key);
        return cipher;
    }
}
