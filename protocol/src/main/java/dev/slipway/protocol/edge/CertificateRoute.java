package dev.slipway.protocol.edge;

import java.util.List;

/**
 * A certificate an edge presents for some host names. The material itself is not in the snapshot: it is the blob
 * {@code bundleHash} ({@link dev.slipway.protocol.tls.CertificateBundle}, private key sealed with the shared TLS key),
 * so a snapshot of ten thousand domains stays small and an edge loads each certificate once, on the first handshake
 * that needs it.
 *
 * @param hosts      lower-case host names this certificate is presented for
 * @param bundleHash sha256 of the bundle blob
 */
public record CertificateRoute(List<String> hosts, String bundleHash) {

    public CertificateRoute {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
