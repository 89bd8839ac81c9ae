package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Domain associations over the real API, verified against a real DNS server (pebble-challtestsrv) whose TXT records
 * the test sets; uploaded certificates; the route snapshot edges get. No ACME server here (that is the e2e test).
 */
class DomainsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final ChallTestServer DNS = startDns();

    @DynamicPropertySource
    static void dnsProperties(DynamicPropertyRegistry registry) {
        // a database of its own: the domain worker runs on one control plane per database, and only this context
        // asks the test's DNS server
        registry.add("slipway.test.database-url", () -> SharedPostgres.jdbcUrl("domains_tests"));
        // its owner is made in that database: with a password of its own, not one written over the shared
        // <data-dir>/admin-password that other classes sign in with
        registry.add("SLIPWAY_ADMIN_PASSWORD", () -> "domains-tests-owner-password");
        registry.add("slipway.domains.dns-server", DNS::resolver);
        registry.add("slipway.domains.check-interval", () -> "1s");
        registry.add("slipway.domains.tick", () -> "300ms");
        registry.add("slipway.domains.verification-timeout", () -> "6s");
        registry.add("slipway.domains.recheck-interval", () -> "1s");
        registry.add("slipway.test.blob-gc-grace", () -> "3s");
        registry.add("slipway.domains.acme-caa-identities", () -> "pebble.test");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void createShowsTheRecordToCreateAndRefusesBadInput() throws Exception {
        String appId = createAppWithBranch("main", null);
        String domain = unique() + ".example.com";
        Response created = api("POST", domains(appId), Map.of("domainName", domain.toUpperCase(),
                "subDomainSettings", List.of(Map.of("prefix", "", "branchName", "main"),
                        Map.of("prefix", "www", "branchName", "main"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode association = created.json().path("domainAssociation");
        assertThat(association.path("domainName").asString()).isEqualTo(domain);
        assertThat(association.path("domainStatus").asString()).isEqualTo("PENDING_VERIFICATION");
        assertThat(association.path("certificateVerificationDNSRecord").asString())
                .matches("_slipway-challenge\\." + domain.replace(".", "\\.") + "\\. TXT \"[a-z0-9]{32}\"");
        assertThat(association.path("subDomains")).hasSize(2);
        assertThat(association.path("subDomains").get(1).path("subDomainSetting").path("prefix").asString())
                .isEqualTo("www");
        assertThat(association.path("subDomains").get(1).path("verified").asBoolean()).isFalse();

        assertThat(api("GET", domains(appId) + "/" + domain, null).json().path("domainAssociation")
                .path("domainStatus").asString()).isEqualTo("PENDING_VERIFICATION");
        assertThat(api("GET", domains(appId), null).json().path("domainAssociations")).hasSize(1);

        assertThat(api("POST", domains(appId), Map.of("domainName", domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main")))).status()).isEqualTo(409);
        assertThat(api("POST", domains(appId), Map.of("domainName", "shop." + domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main")))).status()).isEqualTo(409);
        Response badName = api("POST", domains(appId), Map.of("domainName", "exa mple.com", "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main"))));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(api("POST", domains(appId), Map.of("domainName", "b." + unique() + ".com", "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "nope")))).body()).contains("Branch 'nope' is not connected");
        assertThat(api("POST", domains(appId), Map.of("domainName", "c." + unique() + ".com", "subDomainSettings",
                List.of(Map.of("prefix", "*", "branchName", "main")))).body()).contains("wildcard");
        assertThat(api("GET", domains(appId) + "/unknown.example.org", null).status()).isEqualTo(404);
        assertThat(call("GET", domains(appId), null, null, Map.of()).status()).isEqualTo(401);

        assertThat(api("DELETE", domains(appId) + "/" + domain, null).status()).isEqualTo(200);
        assertThat(api("GET", domains(appId) + "/" + domain, null).status()).isEqualTo(404);
    }

    @Test
    void aVerifiedDomainIsRoutedToItsBranchAndAutoSubdomainsFollowBranches() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "feature/login"));
        String deploymentId = deploy(appId, "main");
        deploy(appId, "feature%2Flogin");
        String domain = unique() + ".example.net";
        JsonNode created = api("POST", domains(appId), Map.of("domainName", domain,
                "subDomainSettings", List.of(Map.of("prefix", "www", "branchName", "main")),
                "enableAutoSubDomain", true, "autoSubDomainCreationPatterns", List.of("feature/*")))
                .json().path("domainAssociation");
        assertThat(hosts(routes(0))).doesNotContainKey("www." + domain);

        DNS.setTxt("_slipway-challenge." + domain, token(created));
        JsonNode verified = api("POST", domains(appId) + "/" + domain + "/verify", null).json()
                .path("domainAssociation");
        assertThat(verified.path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
        assertThat(verified.path("statusReason").asString()).contains("verified");
        assertThat(verified.path("subDomains").get(0).path("verified").asBoolean()).isTrue();

        Map<String, JsonNode> hosts = hosts(routes(0));
        assertThat(hosts.get("www." + domain).path("deploymentId").asString()).isEqualTo(deploymentId);
        assertThat(hosts.get("feature-login." + domain).path("branchName").asString()).isEqualTo("feature/login");

        api("PATCH", domains(appId) + "/" + domain, Map.of("enableAutoSubDomain", false));
        assertThat(hosts(routes(0))).containsKey("www." + domain).doesNotContainKey("feature-login." + domain);
    }

    @Test
    void aMissingRecordFailsAfterTheTimeoutWithWhatToDo() throws Exception {
        String appId = createAppWithBranch("main", null);
        String domain = unique() + ".example.org";
        JsonNode created = api("POST", domains(appId), Map.of("domainName", domain,
                "subDomainSettings", List.of(Map.of("prefix", "", "branchName", "main")))).json()
                .path("domainAssociation");
        DNS.setTxt("_slipway-challenge." + domain, "not-the-token");
        JsonNode failed = awaitStatus(appId, domain, "FAILED", Duration.ofSeconds(20));
        assertThat(failed.path("statusReason").asString())
                .contains("timed out", "_slipway-challenge." + domain, "\"not-the-token\"", token(created), "/verify");

        DNS.setTxt("_slipway-challenge." + domain, token(created));
        assertThat(api("POST", domains(appId) + "/" + domain + "/verify", null).json().path("domainAssociation")
                .path("domainStatus").asString()).isIn("PENDING_VERIFICATION", "PENDING_DEPLOYMENT");
        awaitStatus(appId, domain, "PENDING_DEPLOYMENT", Duration.ofSeconds(20));
    }

    @Test
    void caaRecordsOfTheClosestNameMustAllowTheCa() throws Exception {
        String appId = createAppWithBranch("main", null);
        String parent = unique() + ".example.com";
        String domain = "shop." + parent;
        JsonNode created = api("POST", domains(appId), Map.of("domainName", domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main")))).json().path("domainAssociation");
        DNS.setTxt("_slipway-challenge." + domain, token(created));
        DNS.addCaaIssuer(parent, "letsencrypt.org");
        JsonNode refused = api("POST", domains(appId) + "/" + domain + "/verify", null).json()
                .path("domainAssociation");
        assertThat(refused.path("domainStatus").asString()).isEqualTo("FAILED");
        assertThat(refused.path("statusReason").asString()).contains("CAA records of " + parent,
                "[letsencrypt.org]", "CAA 0 issue \"pebble.test\"", "/verify");

        DNS.addCaaIssuer(parent, "pebble.test");
        assertThat(api("POST", domains(appId) + "/" + domain + "/verify", null).json().path("domainAssociation")
                .path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
    }

    @Test
    void anUploadedCertificateIsCheckedSealedAndServedOnceEdgesHaveIt() throws Exception {
        String appId = createAppWithBranch("main", null);
        deploy(appId, "main");
        String domain = unique() + ".example.com";
        JsonNode created = api("POST", domains(appId), Map.of("domainName", domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main"), Map.of("prefix", "www", "branchName", "main"))))
                .json().path("domainAssociation");
        List<String> hosts = List.of(domain, "www." + domain);
        Instant now = Instant.now();
        TestCertificates.Pem good = TestCertificates.selfSigned(hosts, now.minusSeconds(60), now.plusSeconds(86400));
        TestCertificates.Pem other = TestCertificates.selfSigned(hosts, now.minusSeconds(60), now.plusSeconds(86400));
        TestCertificates.Pem expired = TestCertificates.selfSigned(hosts, now.minusSeconds(7200), now.minusSeconds(60));
        TestCertificates.Pem apexOnly = TestCertificates.selfSigned(List.of(domain), now.minusSeconds(60),
                now.plusSeconds(86400));
        String certificate = domains(appId) + "/" + domain + "/certificate";

        assertThat(upload(certificate, good.chain(), other.key()).body()).contains("does not belong");
        assertThat(upload(certificate, expired.chain(), expired.key()).body()).contains("expired");
        assertThat(upload(certificate, apexOnly.chain(), apexOnly.key()).body()).contains("does not cover www." + domain);
        assertThat(upload(certificate, "not pem", good.key()).status()).isEqualTo(400);

        Response uploaded = upload(certificate, good.chain(), good.key());
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().path("domainAssociation").path("certificate").path("type").asString())
                .isEqualTo("CUSTOM");
        assertThat(routes(0).path("certificates").toString()).doesNotContain(domain);

        DNS.setTxt("_slipway-challenge." + domain, token(created));
        api("POST", domains(appId) + "/" + domain + "/verify", null);
        JsonNode snapshot = routes(0);
        JsonNode served = null;
        for (JsonNode entry : snapshot.path("certificates")) {
            if (entry.path("hosts").toString().contains("\"" + domain + "\"")) {
                served = entry;
            }
        }
        assertThat(served).isNotNull();
        String bundle = new String(new FileSystemBlobStore(DATA_DIR.resolve("blobs"))
                .read(served.path("bundleHash").asString()), StandardCharsets.UTF_8);
        assertThat(bundle).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE KEY");

        // an edge that polls with since=<version> serves that version: then the domain is AVAILABLE
        long version = snapshot.path("version").asLong();
        call("GET", "/edge/v1/routes?since=" + version + "&waitMillis=0", EDGE_TOKEN, null, Map.of());
        JsonNode available = awaitStatus(appId, domain, "AVAILABLE", Duration.ofSeconds(20));
        assertThat(available.path("statusReason").asString()).contains("uploaded certificate");
    }

    @Test
    void aVerifiedDomainWhoseRecordDisappearsIsWarnedButStillServedUntilTheRecordReturns() throws Exception {
        Verified d = verifiedDomain();
        Instant firstVerified = Instant.parse(api("GET", d.path(), null).json().path("domainAssociation")
                .path("lastVerifiedTime").asString());

        DNS.clearTxt(d.record());
        JsonNode warned = awaitReason(d.appId(), d.domain(), "verification record missing since",
                Duration.ofSeconds(5));
        assertThat(warned.path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
        assertThat(warned.path("statusReason").asString())
                .contains("restore it or the domain fails on", d.record(), d.token());
        assertThat(hosts(routes(0))).containsKey(d.domain());

        DNS.setTxt(d.record(), d.token());
        JsonNode restored = api("POST", d.path() + "/verify", null).json().path("domainAssociation");
        assertThat(restored.path("statusReason").asString()).doesNotContain("missing");
        assertThat(restored.path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
        assertThat(Instant.parse(restored.path("lastVerifiedTime").asString())).isAfter(firstVerified);
        assertThat(hosts(routes(0))).containsKey(d.domain());
    }

    @Test
    void aRecordMissingPastTheTimeoutFailsTheDomainAndTakesItsHostsOffTheEdges() throws Exception {
        Verified d = verifiedDomain();
        long version = routes(0).path("version").asLong();

        DNS.clearTxt(d.record());
        JsonNode failed = awaitStatus(d.appId(), d.domain(), "FAILED", Duration.ofSeconds(20));
        assertThat(failed.path("statusReason").asString()).contains("was missing", "no longer served",
                "not renewed", d.token(), "/verify");
        assertThat(failed.path("subDomains").get(0).path("verified").asBoolean()).isFalse();
        JsonNode snapshot = routes(0);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(version);
        assertThat(hosts(snapshot)).doesNotContainKey(d.domain());

        // the way back is the one the reason names
        DNS.setTxt(d.record(), d.token());
        assertThat(api("POST", d.path() + "/verify", null).json().path("domainAssociation")
                .path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
        assertThat(hosts(routes(0))).containsKey(d.domain());
    }

    @Test
    void aReplacedCertificateBundleIsFreedAfterTheGraceWhileTheServedOneIsKept() throws Exception {
        Verified d = verifiedDomain();
        Instant now = Instant.now();
        TestCertificates.Pem first = TestCertificates.selfSigned(List.of(d.domain()), now.minusSeconds(60),
                now.plusSeconds(86400));
        TestCertificates.Pem second = TestCertificates.selfSigned(List.of(d.domain()), now.minusSeconds(60),
                now.plusSeconds(86400));
        FileSystemBlobStore blobs = new FileSystemBlobStore(DATA_DIR.resolve("blobs"));

        assertThat(upload(d.path() + "/certificate", first.chain(), first.key()).status()).isEqualTo(200);
        String firstBundle = servedBundle(d.domain());
        assertThat(upload(d.path() + "/certificate", second.chain(), second.key()).status()).isEqualTo(200);
        String secondBundle = servedBundle(d.domain());
        assertThat(secondBundle).isNotEqualTo(firstBundle);
        assertThat(blobs.exists(firstBundle)).as("kept during the grace").isTrue();

        awaitGone(blobs, firstBundle, Duration.ofSeconds(20));
        Thread.sleep(Duration.ofSeconds(4)); // past the grace: the bundle the domain references stays anyway
        assertThat(blobs.exists(secondBundle)).isTrue();

        api("DELETE", d.path(), null);
        awaitGone(blobs, secondBundle, Duration.ofSeconds(20));
    }

    /** A verified apex domain of a fresh app: its API path and the TXT record (name, token) that verified it. */
    private record Verified(String appId, String domain, String token) {
        String path() {
            return domains(appId) + "/" + domain;
        }

        String record() {
            return "_slipway-challenge." + domain;
        }
    }

    /** An app with branch main deployed, and an apex domain for it whose token is published and verified. */
    private Verified verifiedDomain() throws Exception {
        String appId = createAppWithBranch("main", null);
        deploy(appId, "main");
        String domain = unique() + ".example.com";
        JsonNode created = api("POST", domains(appId), Map.of("domainName", domain, "subDomainSettings",
                List.of(Map.of("prefix", "", "branchName", "main")))).json().path("domainAssociation");
        Verified verified = new Verified(appId, domain, token(created));
        DNS.setTxt(verified.record(), verified.token());
        JsonNode association = api("POST", verified.path() + "/verify", null).json().path("domainAssociation");
        assertThat(association.path("domainStatus").asString()).isEqualTo("PENDING_DEPLOYMENT");
        assertThat(association.path("lastVerifiedTime").isMissingNode()).isFalse();
        assertThat(hosts(routes(0))).containsKey(domain);
        return verified;
    }

    private String servedBundle(String domain) throws Exception {
        for (JsonNode entry : routes(0).path("certificates")) {
            if (entry.path("hosts").toString().contains("\"" + domain + "\"")) {
                return entry.path("bundleHash").asString();
            }
        }
        throw new AssertionError("no certificate served for " + domain);
    }

    private static void awaitGone(FileSystemBlobStore blobs, String key, Duration wait) {
        Awaitility.await("blob " + key + " freed").atMost(wait).until(() -> !blobs.exists(key));
    }

    private JsonNode awaitReason(String appId, String domain, String text, Duration wait) throws Exception {
        return await(appId, domain, "say \"" + text + "\"",
                association -> association.path("statusReason").asString().contains(text), wait);
    }

    private Response upload(String path, String chain, String key) throws Exception {
        return api("PUT", path, Map.of("certificateChain", chain, "privateKey", key));
    }

    private JsonNode awaitStatus(String appId, String domain, String status, Duration wait) throws Exception {
        return await(appId, domain, "become " + status,
                association -> association.path("domainStatus").asString().equals(status), wait);
    }

    private JsonNode await(String appId, String domain, String what, Predicate<JsonNode> done, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode association;
        do {
            association = api("GET", domains(appId) + "/" + domain, null).json().path("domainAssociation");
            if (done.test(association)) {
                return association;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("domain " + domain + " did not " + what + ": " + association);
    }

    private static Map<String, JsonNode> hosts(JsonNode snapshot) {
        Map<String, JsonNode> hosts = new java.util.HashMap<>();
        snapshot.path("sites").forEach(site -> hosts.put(site.path("host").asString(), site));
        return hosts;
    }

    private static String token(JsonNode association) {
        String record = association.path("certificateVerificationDNSRecord").asString();
        return record.substring(record.indexOf('"') + 1, record.lastIndexOf('"'));
    }

    private static String domains(String appId) {
        return "/api/v1/apps/" + appId + "/domains";
    }

    private static String unique() {
        return "d" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ChallTestServer startDns() {
        try {
            return new ChallTestServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
