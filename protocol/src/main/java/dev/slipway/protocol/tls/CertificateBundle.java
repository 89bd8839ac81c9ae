package dev.slipway.protocol.tls;

import dev.slipway.protocol.json.JsonMappers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A certificate as the control plane hands it to edges through the blob store: the PEM chain (leaf first) and the
 * PKCS#8 PEM private key sealed with the TLS key every edge is configured with ({@code SLIPWAY_TLS_KEY}).
 */
public record CertificateBundle(String chainPem, String sealedKeyPem) {

    private static final JsonMapper JSON = JsonMappers.STRICT;

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    public static CertificateBundle fromJson(byte[] json) {
        return JSON.readValue(json, CertificateBundle.class);
    }
}
