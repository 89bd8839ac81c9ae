package dev.slipway.controlplane;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for upload tests, made with BouncyCastle (already on the control plane's classpath). */
final class TestCertificates {

    record Pem(String chain, String key, KeyPair keyPair) {
    }

    private TestCertificates() {
    }

    static Pem selfSigned(List<String> hosts, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + hosts.getFirst());
        GeneralName[] names = hosts.stream().map(h -> new GeneralName(GeneralName.dNSName, h))
                .toArray(GeneralName[]::new);
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        // PKCS#8: BouncyCastle's PEM writer drops the curve when it turns a JDK EC key into SEC1
        return new Pem(pem(holder), pem(new JcaPKCS8Generator(keys.getPrivate(), null)), keys);
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
