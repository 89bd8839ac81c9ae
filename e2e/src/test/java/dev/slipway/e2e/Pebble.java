package dev.slipway.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Debian's ACME test CA, as stack-notes §18 runs it: {@code pebble-challtestsrv} is the DNS server (every name → 
 * 127.0.0.1, TXT records set over its management API) and {@code pebble} validates HTTP-01 on {@code httpPort} of
 * whatever the names resolve to: the edge under test. Debian ships no pebble certificate, so a CA is made here.
 * Missing packages fail the test: {@code apt-get install pebble}.
 */
public final class Pebble implements AutoCloseable {

    final int acmePort;
    final int managementPort;
    final int dnsPort;
    private final int dnsManagementPort;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http;

    /** Writes the CA and pebble's server certificate; starts the DNS server (pebble itself starts in {@link #start}). */
    Pebble(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        acmePort = SlipwayStack.freePort();
        managementPort = SlipwayStack.freePort();
        dnsPort = SlipwayStack.freePort();
        dnsManagementPort = SlipwayStack.freePort();
        for (String binary : List.of("/usr/bin/pebble", "/usr/bin/pebble-challtestsrv")) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install pebble");
            }
        }
        writeCertificates();
        http = HttpClient.newBuilder().sslContext(Tls.trusting(caBundle())).connectTimeout(Duration.ofSeconds(5))
                .build();
        processes.add(new ProcessBuilder("/usr/bin/pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + dnsManagementPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start());
        awaitAnswer(() -> dns("clear-txt", "{\"host\":\"ready.test.\"}"));
    }

    /**
     * @param httpPort        where HTTP-01 validations go (the edge's HTTP port)
     * @param validitySeconds lifetime of issued certificates (short ones force renewals)
     * @param blocked         a domain pebble refuses to issue for (an ACME error with its own words)
     */
    void start(int httpPort, long validitySeconds, String blocked) throws Exception {
        Path config = dir.resolve("pebble-config.json");
        Files.writeString(config, """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false,
                  "certificateValidityPeriod": %d, "domainBlocklist": ["%s"]}}
                """.formatted(acmePort, managementPort, dir.resolve("server.pem"), dir.resolve("server.key"), httpPort,
                SlipwayStack.freePort(), validitySeconds, blocked));
        ProcessBuilder pebble = new ProcessBuilder("/usr/bin/pebble", "-config", config.toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        pebble.environment().putAll(Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"));
        processes.add(pebble.start());
        awaitAnswer(() -> send(HttpRequest.newBuilder(URI.create(directory())).GET()));
    }

    String directory() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    Path caBundle() {
        return dir.resolve("ca.pem");
    }

    String resolver() {
        return "127.0.0.1:" + dnsPort;
    }

    void setTxt(String name, String value) throws Exception {
        dns("set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + value + "\"}");
    }

    /** The root pebble signs with (a new one per run), to check served chains against. */
    X509Certificate issuingRoot() throws Exception {
        String pem = send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).GET());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    private void dns(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + dnsManagementPort + "/" + operation))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(operation + ": HTTP " + response.statusCode());
        }
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.build().uri() + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static void awaitAnswer(Probe probe) throws Exception {
        Exception last = null;
        for (int i = 0; i < 100; i++) {
            try {
                probe.run();
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pebble did not start", last);
    }

    private void writeCertificates() throws Exception {
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=Slipway test CA for pebble");
        Instant now = Instant.now();
        X509Certificate ca = certificate(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(2))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        KeyPair serverKeys = ecKeys();
        X509Certificate server = certificate(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(2))),
                new X500Name("CN=localhost"), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        Files.writeString(caBundle(), pem(ca));
        Files.writeString(dir.resolve("server.pem"), pem(server));
        Files.writeString(dir.resolve("server.key"), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
    }

    public static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static X509Certificate certificate(X509CertificateHolder holder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    public static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
    }

    /** An SSLContext trusting one PEM bundle, shared by the pebble client and the edge checks. */
    static final class Tls {
        private Tls() {
        }

        static SSLContext trusting(Path bundle) throws Exception {
            return trusting((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(bundle)));
        }

        static SSLContext trusting(X509Certificate root) throws Exception {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("root", root);
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
    }
}
