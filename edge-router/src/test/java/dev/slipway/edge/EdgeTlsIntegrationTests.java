package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.edge.tls.HttpsListener;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.crypto.AesGcm;
import dev.slipway.protocol.edge.AcmeChallengeRoute;
import dev.slipway.protocol.edge.CertificateRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.tls.CertificateBundle;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's HTTPS port with real handshakes: SNI picks each host's certificate from the route snapshot (keys sealed
 * with the shared TLS key), ALPN offers h2, hosts with a certificate redirect HTTP to HTTPS, ACME HTTP-01 answers are
 * served over plain HTTP, and a new snapshot swaps a certificate without a restart.
 */
class EdgeTlsIntegrationTests {

    private static final String SHOP = "shop.example.test";
    private static final String BLOG = "blog.example.test";
    private static final String PLAIN = "plain.example.test";

    @TempDir
    static Path dataDir;

    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;
    private static AesGcm tlsKey;
    private static String manifest;
    private static X509Certificate shopCertificate;
    private static String shopBundle;
    private static X509Certificate blogCertificate;
    private static String renewedBlogBundle;
    private static X509Certificate renewedBlogCertificate;

    @BeforeAll
    static void start() throws Exception {
        String key = AesGcm.newBase64Key();
        tlsKey = AesGcm.fromBase64(key);
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("keys/tls.key"), key);
        manifest = TestSites.in(dataDir).file("index.html", "<h1>shop</h1>").deploy();
        Bundle shop = bundle(SHOP);
        shopBundle = shop.hash();
        Bundle blog = bundle(BLOG);
        shopCertificate = shop.certificate();
        blogCertificate = blog.certificate();
        Bundle renewed = bundle(BLOG);
        renewedBlogBundle = renewed.hash();
        renewedBlogCertificate = renewed.certificate();
        controlPlane = new FakeControlPlane("edge-token", snapshot(1, shop.hash(), blog.hash()));
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token");
        awaitVersion(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    @Test
    void sniPicksEachHostsCertificateAndAlpnNegotiatesHttp2() throws Exception {
        TlsClient.Result shop = TlsClient.handshake(httpsPort(), SHOP, List.of("h2", "http/1.1"), null);
        assertThat(shop.certificate()).isEqualTo(shopCertificate);
        assertThat(shop.protocol()).isEqualTo("h2");
        assertThat(TlsClient.handshake(httpsPort(), BLOG, List.of("h2"), null).certificate())
                .isIn(blogCertificate, renewedBlogCertificate);
        TlsClient.Result unknown = TlsClient.handshake(httpsPort(), "unknown.example.test", List.of("http/1.1"), null);
        assertThat(unknown.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=slipway.invalid");
    }

    @Test
    void theSiteIsServedOverHttpsAndPlainHttpRedirectsOnceACertificateIsLive() throws Exception {
        TlsClient.Result page = TlsClient.handshake(httpsPort(), SHOP, List.of("http/1.1"),
                "GET / HTTP/1.1\r\nHost: " + SHOP + "\r\nConnection: close\r\n\r\n");
        assertThat(page.protocol()).isEqualTo("http/1.1");
        assertThat(page.response()).startsWith("HTTP/1.1 200").contains("<h1>shop</h1>");

        HttpResponse<byte[]> redirect = edge.get(SHOP, "/cart?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValue("https://" + SHOP + ":" + httpsPort() + "/cart?x=1");
        assertThat(text(edge.get(PLAIN, "/"))).contains("<h1>shop</h1>");
    }

    @Test
    void acmeChallengesAreAnsweredOverHttpOnEveryHost() throws Exception {
        HttpResponse<byte[]> answer = edge.get(SHOP, AcmeChallengeRoute.PATH_PREFIX + "token-1");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(text(answer)).isEqualTo("token-1.thumbprint");
        assertThat(edge.get("not-served.example.test", AcmeChallengeRoute.PATH_PREFIX + "token-1").statusCode())
                .isEqualTo(200);
        assertThat(edge.get("not-served.example.test", AcmeChallengeRoute.PATH_PREFIX + "other").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRenewedCertificateArrivesWithTheNextSnapshot() throws Exception {
        controlPlane.publish(snapshot(2, shopBundle, renewedBlogBundle));
        awaitVersion(2);
        assertThat(TlsClient.handshake(httpsPort(), BLOG, List.of("h2"), null).certificate())
                .isEqualTo(renewedBlogCertificate);
    }

    private static RouteSnapshot snapshot(long version, String shopBundle, String blogBundle) {
        return new RouteSnapshot(version,
                List.of(site(SHOP), site(BLOG), site(PLAIN)), List.of(),
                List.of(new CertificateRoute(List.of(SHOP), shopBundle), new CertificateRoute(List.of(BLOG), blogBundle)),
                List.of(new AcmeChallengeRoute("token-1", "token-1.thumbprint")));
    }

    private static SiteRoute site(String host) {
        return new SiteRoute(host, "dabc", "main", "dep1", manifest);
    }

    private record Bundle(String hash, X509Certificate certificate) {
    }

    /** A self-signed certificate for {@code host}, stored as the control plane stores it for edges. */
    private static Bundle bundle(String host) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(System.nanoTime()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        String hash = new FileSystemBlobStore(dataDir.resolve("blobs")).put(
                new CertificateBundle(pem(certificate), tlsKey.encrypt(pem(new JcaPKCS8Generator(keys.getPrivate(),
                        null)))).toJson());
        return new Bundle(hash, certificate);
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static int httpsPort() {
        return edge.bean(HttpsListener.class).port();
    }

    private static void awaitVersion(long version) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (text(edge.get("any", "/_slipway/health")).contains("\"routeVersion\":" + version)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the edge did not apply route version " + version);
    }
}
