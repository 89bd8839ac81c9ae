package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.crypto.AesGcm;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key shared with every edge ({@code SLIPWAY_TLS_KEY}, else {@code <data-dir>/keys/tls.key}): certificate keys
 * handed to edges are sealed with it. It is not the master key, so an edge can open certificate keys but never build
 * secrets.
 */
@Component
public class TlsKey {

    private final AesGcm cipher;

    TlsKey(ControlPlaneProperties properties, @Value("${SLIPWAY_TLS_KEY:}") String configuredKey) throws IOException {
        this.cipher = SecretCipher.loadKey(properties.absoluteDataDir().resolve("keys").resolve("tls.key"),
                configuredKey, "SLIPWAY_TLS_KEY");
    }

    public String seal(String privateKeyPem) {
        return cipher.encrypt(privateKeyPem);
    }
}
