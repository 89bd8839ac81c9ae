package dev.slipway.controlplane.domain.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A certificate chain (leaf first) and its private key, read from PEM and checked the way an edge will use them: the
 * key must belong to the leaf, the leaf must be valid now and name every host it is served for.
 */
public record PemCertificate(List<X509Certificate> chain, PrivateKey key) {

    /**
     * @param chainPem one or more {@code CERTIFICATE} blocks, leaf first
     * @param keyPem   a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key, unencrypted
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static PemCertificate parse(String chainPem, String keyPem) {
        if (chainPem == null || chainPem.isBlank() || keyPem == null || keyPem.isBlank()) {
            throw new IllegalArgumentException("Both 'certificateChain' and 'privateKey' are required, in PEM.");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
            all.forEach(c -> chain.add((X509Certificate) c));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("'certificateChain' is not a PEM certificate chain: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("'certificateChain' holds no certificate.");
        }
        return new PemCertificate(List.copyOf(chain), readKey(keyPem));
    }

    private static PrivateKey readKey(String keyPem) {
        try (PEMParser parser = new PEMParser(new StringReader(keyPem))) {
            Object parsed = parser.readObject();
            // BouncyCastle reads every form (SEC1 EC keys included); the JDK then gets the key back as PKCS#8
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());
            PrivateKey key = switch (parsed) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null, default -> throw new IllegalArgumentException("'privateKey' is not an unencrypted PEM "
                        + "private key (PKCS#8 'BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY').");
            };
            String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("'privateKey' could not be read: " + e.getMessage());
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** @throws IllegalArgumentException naming the first problem found */
    public void check(Collection<String> hosts, Instant now) {
        if (!keyMatchesLeaf()) {
            throw new IllegalArgumentException("The private key does not belong to the first certificate of the "
                    + "chain (the leaf must come first).");
        }
        if (!leaf().getNotAfter().toInstant().isAfter(now)) {
            throw new IllegalArgumentException("The certificate expired on " + leaf().getNotAfter().toInstant() + ".");
        }
        if (leaf().getNotBefore().toInstant().isAfter(now.plusSeconds(300))) {
            throw new IllegalArgumentException("The certificate is not valid before "
                    + leaf().getNotBefore().toInstant() + ".");
        }
        List<String> names = dnsNames();
        List<String> missing = hosts.stream().filter(host -> names.stream().noneMatch(n -> covers(n, host))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The certificate does not cover " + String.join(", ", missing)
                    + " (its names: " + String.join(", ", names) + ").");
        }
    }

    /** The leaf's DNS subject alternative names, lower-case. */
    public List<String> dnsNames() {
        try {
            Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
            if (sans == null) {
                return List.of();
            }
            return sans.stream().filter(san -> Integer.valueOf(2).equals(san.get(0)))
                    .map(san -> String.valueOf(san.get(1)).toLowerCase(Locale.ROOT)).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    /** {@code *.example.com} covers exactly one more label. */
    static boolean covers(String name, String host) {
        if (name.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(host);
    }

    private boolean keyMatchesLeaf() {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public String chainPem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    /** The key as PKCS#8 PEM: the one form both the JDK and Netty read without help. */
    public String keyPem() {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
