package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.crypto.AesGcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key shared with every edge: certificate keys handed to edges are sealed with it. It is not the master key, so
 * an edge can open certificate keys but never build secrets. {@code SLIPWAY_TLS_KEY} when set; else
 * {@code <data-dir>/keys/tls.key} when an earlier version generated one there; else derived from the master key, so
 * that every control plane of an installation seals with the same key without sharing a file, and edges started
 * without the setting fetch it ({@code EdgeApi.TLS_KEY}).
 */
@Component
public class TlsKey {

    private final String base64;
    private final AesGcm cipher;

    TlsKey(ControlPlaneProperties properties, SecretCipher master, @Value("${SLIPWAY_TLS_KEY:}") String configuredKey)
            throws IOException {
        Path file = properties.absoluteDataDir().resolve("keys").resolve("tls.key");
        if (configuredKey != null && !configuredKey.isBlank()) {
            base64 = configuredKey.trim();
        } else if (Files.isRegularFile(file)) {
            base64 = Files.readString(file).trim();
        } else {
            base64 = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(master.derive("edge-tls-key")));
        }
        try {
            cipher = AesGcm.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The TLS key must be 32 bytes in base64 (SLIPWAY_TLS_KEY or " + file + ")",
                    e);
        }
    }

    public String seal(String privateKeyPem) {
        return cipher.encrypt(privateKeyPem);
    }

    /** The key itself, for edges (edge token only). */
    public String base64() {
        return base64;
    }
}
