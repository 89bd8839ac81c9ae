package dev.slipway.edge.tls;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.tls.CertificateBundle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.tcp.SslProvider;

/**
 * Turns a certificate bundle blob into a ready TLS context (ALPN h2 and http/1.1). Blocking (reads a blob, opens
 * the key): {@link SniCertificates} calls it off the event loops and caches the result by bundle hash.
 */
final class CertificateLoader {

    private final BlobStore blobs;
    private final TlsKeyring keyring;

    CertificateLoader(BlobStore blobs, TlsKeyring keyring) {
        this.blobs = blobs;
        this.keyring = keyring;
    }

    SslProvider load(String bundleHash) throws IOException, GeneralSecurityException {
        CertificateBundle bundle = CertificateBundle.fromJson(blobs.read(bundleHash));
        List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bundle.chainPem().getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toList();
        PrivateKey key = privateKey(keyring.open(bundle.sealedKeyPem()), chain.getFirst().getPublicKey().getAlgorithm());
        return forServer(key, chain);
    }

    static SslProvider forServer(PrivateKey key, List<X509Certificate> chain) {
        return SslProvider.builder().sslContext(Http2SslContextSpec.forServer(key, chain)).build();
    }

    /** The control plane always hands keys over as PKCS#8 PEM. */
    private static PrivateKey privateKey(String pkcs8Pem, String algorithm) throws GeneralSecurityException {
        String base64 = pkcs8Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(base64)));
    }
}
