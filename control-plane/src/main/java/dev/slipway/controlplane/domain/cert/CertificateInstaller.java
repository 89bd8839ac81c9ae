package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.domain.DomainRepository;
import dev.slipway.controlplane.domain.DomainStatus;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.tls.CertificateBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a checked certificate in force for a domain: its bundle (key sealed with the TLS key) into the blob store, the
 * row (key sealed with the master key) into the database and a new route version, in one transaction. The domain is
 * PENDING_DEPLOYMENT until every edge reports that version ({@link dev.slipway.controlplane.domain.DomainWorker}).
 */
@Service
public class CertificateInstaller {

    private final CertificateRepository certificates;
    private final DomainRepository domains;
    private final BlobStore blobs;
    private final TlsKey tlsKey;
    private final SecretCipher cipher;
    private final RouteVersion routes;
    private final TransactionTemplate tx;

    CertificateInstaller(CertificateRepository certificates, DomainRepository domains, BlobStore blobs, TlsKey tlsKey,
            SecretCipher cipher, RouteVersion routes, TransactionTemplate tx) {
        this.certificates = certificates;
        this.domains = domains;
        this.blobs = blobs;
        this.tlsKey = tlsKey;
        this.cipher = cipher;
        this.routes = routes;
        this.tx = tx;
    }

    public StoredCertificate install(String domainName, String source, List<String> hosts, PemCertificate certificate) {
        String chainPem = certificate.chainPem();
        String keyPem = certificate.keyPem();
        String bundleHash;
        try {
            bundleHash = blobs.put(new CertificateBundle(chainPem, tlsKey.seal(keyPem)).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the certificate bundle", e);
        }
        try {
            return inForce(domainName, source, hosts, certificate, bundleHash);
        } catch (RuntimeException e) {
            // the bundle was stored but no row took it: the V13 trigger never sees it, so list it for the collector
            certificates.retireBundle(bundleHash);
            throw e;
        }
    }

    private StoredCertificate inForce(String domainName, String source, List<String> hosts, PemCertificate certificate,
            String bundleHash) {
        String chainPem = certificate.chainPem();
        String keyPem = certificate.keyPem();
        return tx.execute(status -> {
            long version = routes.bumpVersionReturning();
            StoredCertificate row = new StoredCertificate(domainName, source, List.copyOf(hosts), bundleHash,
                    certificate.leaf().getSerialNumber().toString(16), certificate.leaf().getNotBefore().toInstant(),
                    certificate.leaf().getNotAfter().toInstant(), version);
            certificates.upsert(row, chainPem, cipher.encrypt(keyPem));
            // an unverified domain (a certificate uploaded before the TXT record) stays where verification left it
            domains.find(domainName).filter(d -> d.verified() && d.domainStatus() != DomainStatus.AVAILABLE)
                    .ifPresent(d -> domains.setStatus(domainName, DomainStatus.PENDING_DEPLOYMENT,
                            "Certificate issued; waiting for every edge to load it."));
            AfterCommit.run(routes::notifyChanged);
            return row;
        });
    }
}
