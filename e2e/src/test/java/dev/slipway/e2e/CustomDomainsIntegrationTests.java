package dev.slipway.e2e;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Custom domains end to end with {@code ./slipway up}, Debian's pebble as the ACME CA and pebble-challtestsrv as
 * DNS: TXT verification, a managed certificate over real HTTP-01 answered by the edge, HTTPS with SNI and h2 on the
 * edge checked against pebble's root, HTTP→HTTPS redirect, renewal of a short-lived certificate, a verification
 * that fails with its reason, an order the CA refuses (its error text becomes the reason), and an uploaded
 * certificate.
 */
class CustomDomainsIntegrationTests {

    /** Short enough that renewal (at two thirds) happens within the test. */
    private static final long CERTIFICATE_SECONDS = 45;

    @TempDir
    Path temp;

    @Test
    void domainsGetVerifiedCertifiedServedOverHttpsAndRenewed() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        int httpsPort = SlipwayStack.freePort();
        try (Pebble pebble = new Pebble(temp.resolve("pebble"));
                SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token, Map.of(
                    "SLIPWAY_EXECUTOR", "local",
                    "SLIPWAY_EDGE_HTTPS_PORT", Integer.toString(httpsPort),
                    "SLIPWAY_DNS_SERVER", pebble.resolver(),
                    "SLIPWAY_ACME_DIRECTORY", pebble.directory(),
                    "SLIPWAY_ACME_CA_BUNDLE", pebble.caBundle().toString(),
                    "SLIPWAY_ACME_RETRY_BASE", "2s",
                    "SLIPWAY_DOMAIN_CHECK_INTERVAL", "1s",
                    "SLIPWAY_DOMAIN_VERIFICATION_TIMEOUT", "15s"));
            try {
                String suffix = UUID.randomUUID().toString().substring(0, 6);
                String blocked = "blocked-" + suffix + ".test";
                pebble.start(stack.edgePort, CERTIFICATE_SECONDS, blocked);
                Api api = new Api(stack.apiUrl(), token);
                repo.commitPage("Custom domain home");
                String appId = api.post("/api/v1/apps", Map.of("name", "domains", "repository", repo.url()))
                        .json().path("app").path("appId").asString();
                api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
                deploy(api, appId);
                String domains = "/api/v1/apps/" + appId + "/domains";

                String unverified = "never-" + suffix + ".test";
                assertThat(api.post(domains, Map.of("domainName", unverified, "subDomainSettings",
                        List.of(Map.of("prefix", "", "branchName", "main")))).status()).isEqualTo(201);

                String managed = "shop-" + suffix + ".test";
                JsonNode created = api.post(domains, Map.of("domainName", managed, "subDomainSettings",
                        List.of(Map.of("prefix", "", "branchName", "main"), Map.of("prefix", "www",
                                "branchName", "main")))).json().path("domainAssociation");
                pebble.setTxt("_slipway-challenge." + managed, token(created));
                assertThat(api.post(domains + "/" + managed + "/verify", Map.of()).json().path("domainAssociation")
                        .path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");

                JsonNode available = awaitStatus(api, domains + "/" + managed, "AVAILABLE", Duration.ofSeconds(90));
                String firstSerial = available.path("certificate").path("serialNumber").asString();
                SSLContext trustPebble = Pebble.Tls.trusting(pebble.issuingRoot());
                for (String host : List.of(managed, "www." + managed)) {
                    EdgeHandshake.Result page = EdgeHandshake.get(trustPebble, httpsPort, host, List.of("http/1.1"), "/");
                    assertThat(page.response()).startsWith("HTTP/1.1 200").contains("Custom domain home");
                    assertThat(page.leaf().getSerialNumber().toString(16)).isEqualTo(firstSerial);
                }
                assertThat(EdgeHandshake.get(trustPebble, httpsPort, managed, List.of("h2", "http/1.1"), null)
                        .protocol()).isEqualTo("h2");
                Api.Response redirect = api.site(stack.edgeUrl(), "www." + managed, "/about?x=1");
                assertThat(redirect.status()).isEqualTo(301);

                String uploadedDomain = "blog-" + suffix + ".test";
                X509Certificate uploaded = uploadCertificate(api, domains, uploadedDomain, pebble);
                awaitStatus(api, domains + "/" + uploadedDomain, "AVAILABLE", Duration.ofSeconds(30));
                assertThat(EdgeHandshake.get(Pebble.Tls.trusting(uploaded), httpsPort, uploadedDomain,
                        List.of("http/1.1"), "/").response()).contains("Custom domain home");

                JsonNode refused = api.post(domains, Map.of("domainName", blocked, "subDomainSettings",
                        List.of(Map.of("prefix", "", "branchName", "main")))).json().path("domainAssociation");
                pebble.setTxt("_slipway-challenge." + blocked, token(refused));
                api.post(domains + "/" + blocked + "/verify", Map.of());
                assertThat(awaitStatus(api, domains + "/" + blocked, "FAILED", Duration.ofSeconds(40))
                        .path("statusReason").asString()).contains("The certificate request failed", "rejectedIdentifier",
                        "Retrying automatically");

                JsonNode failed = awaitStatus(api, domains + "/" + unverified, "FAILED", Duration.ofSeconds(40));
                assertThat(failed.path("statusReason").asString())
                        .contains("timed out", "no TXT record _slipway-challenge." + unverified, "/verify");

                JsonNode renewed = await(Duration.ofSeconds(90),
                        () -> api.get(domains + "/" + managed).json().path("domainAssociation"),
                        d -> !d.path("certificate").path("serialNumber").asString().equals(firstSerial));
                String renewedSerial = renewed.path("certificate").path("serialNumber").asString();
                assertThat(renewedSerial).as("renewed before expiry: " + renewed).isNotEqualTo(firstSerial);
                await(Duration.ofSeconds(20), () -> EdgeHandshake.get(trustPebble, httpsPort, managed,
                        List.of("http/1.1"), null).leaf().getSerialNumber().toString(16), renewedSerial::equals);
                assertThat(EdgeHandshake.get(trustPebble, httpsPort, managed, List.of("http/1.1"), "/").leaf()
                        .getSerialNumber().toString(16)).isEqualTo(renewedSerial);
            } finally {
                stack.close();
            }
        }
    }

    private static X509Certificate uploadCertificate(Api api, String domains, String domain, Pebble pebble)
            throws Exception {
        JsonNode created = api.post(domains, Map.of("domainName", domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main")), "certificateSettings",
                Map.of("type", "CUSTOM"))).json().path("domainAssociation");
        KeyPair keys = Pebble.ecKeys();
        X500Name name = new X500Name("CN=" + domain);
        Instant now = Instant.now();
        X509Certificate certificate = Pebble.certificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, domain)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Api.Response upload = api.put(domains + "/" + domain + "/certificate", Map.of("certificateChain",
                Pebble.pem(certificate), "privateKey", Pebble.pem(new JcaPKCS8Generator(keys.getPrivate(), null))));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        pebble.setTxt("_slipway-challenge." + domain, token(created));
        api.post(domains + "/" + domain + "/verify", Map.of());
        return certificate;
    }

    private static void deploy(Api api, String appId) throws Exception {
        String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
        String jobId = api.post(jobs, Map.of("jobType", "RELEASE")).json().path("jobSummary").path("jobId").asString();
        JsonNode job = await(Duration.ofSeconds(120), () -> api.get(jobs + "/" + jobId).json().path("job")
                .path("summary"), s -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(s.path("status").asString()));
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEED");
    }

    private static JsonNode awaitStatus(Api api, String path, String status, Duration timeout) throws Exception {
        JsonNode domain = await(timeout, () -> api.get(path).json().path("domainAssociation"),
                d -> d.path("domainStatus").asString().equals(status));
        assertThat(domain.path("domainStatus").asString()).as(domain.toString()).isEqualTo(status);
        return domain;
    }

    private static String token(JsonNode association) {
        String record = association.path("certificateVerificationDNSRecord").asString();
        return record.substring(record.indexOf('"') + 1, record.lastIndexOf('"'));
    }
}
