package dev.slipway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.edge.feed.Routes;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.ProtectionRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.protection.ProtectionTokens;
import dev.slipway.protocol.redirect.CustomRule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TEAM access control against the real edge, with the keys a control plane would put in the snapshot: anonymous
 * visitors are sent to sign in, the callback's token (Ed25519, host-bound, short-lived) becomes a cookie (HMAC, host
 * bound, expiring), bypass tokens open the site until revoked; on the plain Netty path ({@code CachedHits}, whose
 * files are cached by the public production host serving the same deployment), the Reactor Netty fast path (a Range
 * request) and the Gateway (a 200 rewrite to another origin).
 */
class ProtectedSitesIntegrationTests {

    private static final String APP = "dprotect1234567";
    private static final String PREVIEW = "dev." + APP + ".localhost";
    private static final String PRODUCTION = "main." + APP + ".localhost";
    private static final String CUSTOM = "staging.example.test";
    private static final String AUTHORIZE = "http://cp.example.test/protection/authorize";
    private static final String BYPASS = "slpb_bypass-token-for-tests";
    private static final String COOKIE = "_slipway_protection";

    @TempDir
    static Path dataDir;

    private static HttpsUpstream upstream;
    private static FakeControlPlane controlPlane;
    private static RunningEdge edge;
    private static KeyPair keys;
    private static byte[] cookieKey;
    private static String site;
    private static AppRoute app;

    @BeforeAll
    static void start() throws Exception {
        site = TestSites.in(dataDir).file("index.html", "<h1>secret</h1>").file("docs/a.html", "docs").deploy();
        upstream = new HttpsUpstream(dataDir);
        app = new AppRoute(APP, List.of(CustomRule.of("/api/<*>", upstream.origin() + "/v1/<*>", "200")));
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        cookieKey = new byte[32];
        new SecureRandom().nextBytes(cookieKey);
        controlPlane = new FakeControlPlane("edge-token", snapshot(1, List.of(ProtectionTokens.bypassHash(BYPASS))));
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token", "--slipway.edge.proxy-allow=127.0.0.0/8",
                "--slipway.edge.proxy-ca-bundle=" + upstream.caBundle());
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.bean(Routes.class).version() >= 1);
        // the production host is public (scope PREVIEWS_AND_IMMUTABLE) and serves the same files: they are now in
        // the edge's memory cache, where CachedHits would answer them for any host that let it
        for (String path : List.of("/", "/docs/a.html")) {
            assertThat(send(PRODUCTION, path).statusCode()).isEqualTo(200);
        }
    }

    private static RouteSnapshot snapshot(long version, List<String> bypassHashes) {
        ProtectionRoute protection = new ProtectionRoute(AUTHORIZE,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                Base64.getEncoder().encodeToString(cookieKey), 3600, Map.of(APP, bypassHashes));
        return new RouteSnapshot(version, List.of(
                new SiteRoute(PREVIEW, APP, "dev", "vprot0000001", site).withProtection(SiteRoute.TEAM),
                new SiteRoute(CUSTOM, APP, "dev", "vprot0000001", site).withProtection(SiteRoute.TEAM),
                new SiteRoute(PRODUCTION, APP, "main", "vprot0000001", site)),
                List.of(app), List.of(), List.of(), List.of(), null, protection);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {edge, controlPlane, upstream}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void anonymousVisitorsAreSentToSignInOnEveryPathAndTheProductionUrlStaysPublic() throws Exception {
        for (String host : List.of(PREVIEW, CUSTOM)) {
            for (String[] headers : List.of(new String[0], new String[] {"Range", "bytes=0-3"})) {
                HttpResponse<String> refused = send(host, "/docs/a.html?x=1", headers);
                assertThat(refused.statusCode()).as("%s %s", host, List.of(headers)).isEqualTo(302);
                assertThat(refused.headers().firstValue("Location").orElse("")).isEqualTo(AUTHORIZE + "?host="
                        + host + "&return=" + URLEncoder.encode("/docs/a.html?x=1", StandardCharsets.UTF_8));
                assertThat(refused.body()).doesNotContain("docs");
            }
        }
        int asked = upstream.hosts().size();
        HttpResponse<String> proxied = send(PREVIEW, "/api/users");
        assertThat(proxied.statusCode()).as("Gateway path").isEqualTo(302);
        assertThat(upstream.hosts()).as("the origin is never asked").hasSize(asked);
        assertThat(send(PRODUCTION, "/").body()).isEqualTo("<h1>secret</h1>");
    }

    @Test
    void aValidTokenAtTheCallbackBecomesACookieThatOpensTheSiteOnEveryPath() throws Exception {
        HttpResponse<String> callback = send(PREVIEW, callback(PREVIEW, 60, "/docs/a.html?x=1"));
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).contains("/docs/a.html?x=1");
        String setCookie = callback.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(COOKIE + "=").contains("HttpOnly", "Path=/", "Max-Age=3600")
                .doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(send(PREVIEW, "/docs/a.html", "Cookie", cookie).body()).isEqualTo("docs");
        assertThat(send(PREVIEW, "/docs/a.html", "Cookie", "other=1; " + cookie).statusCode()).isEqualTo(200);
        assertThat(send(PREVIEW, "/", "Cookie", cookie, "Range", "bytes=0-3").statusCode()).isEqualTo(206);
        HttpResponse<String> proxied = send(PREVIEW, "/api/users", "Cookie", cookie);
        assertThat(proxied.body()).isEqualTo("upstream /v1/users");
        // the cookie belongs to its host: the custom domain of the same branch needs its own sign-in
        assertThat(send(CUSTOM, "/", "Cookie", cookie).statusCode()).isEqualTo(302);
        // and what a visitor with the cookie got is not served to the next visitor without it
        assertThat(send(PREVIEW, "/docs/a.html").statusCode()).isEqualTo(302);
    }

    @Test
    void expiredForgedOrOtherHostTokensAndCookiesAreRefused() throws Exception {
        assertThat(send(PREVIEW, callback(PREVIEW, -1, "/")).statusCode()).as("expired").isEqualTo(403);
        assertThat(send(PREVIEW, callback(CUSTOM, 60, "/")).statusCode()).as("other host").isEqualTo(403);
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = ProtectionTokens.signToken(other.getPrivate(), PREVIEW, Instant.now().getEpochSecond() + 60);
        assertThat(send(PREVIEW, "/_slipway/protection/callback?token=" + forged).statusCode()).as("forged")
                .isEqualTo(403);
        assertThat(send(PREVIEW, "/_slipway/protection/callback").statusCode()).isEqualTo(403);
        HttpResponse<String> offsite = send(PREVIEW, callback(PREVIEW, 60, "//evil.example/"));
        assertThat(offsite.headers().firstValue("Location")).as("never another host").contains("/");

        long now = Instant.now().getEpochSecond();
        String expired = ProtectionTokens.signCookie(cookieKey, PREVIEW, now - 1);
        String otherHost = ProtectionTokens.signCookie(cookieKey, CUSTOM, now + 600);
        String valid = ProtectionTokens.signCookie(cookieKey, PREVIEW, now + 600);
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        for (String cookie : List.of(expired, otherHost, tampered, "garbage", "")) {
            assertThat(send(PREVIEW, "/", "Cookie", COOKIE + "=" + cookie).statusCode()).as(cookie).isEqualTo(302);
            assertThat(send(PREVIEW, "/api/a", "Cookie", COOKIE + "=" + cookie).statusCode()).isEqualTo(302);
        }
        assertThat(send(PREVIEW, "/", "Cookie", COOKIE + "=" + valid).statusCode()).isEqualTo(200);
    }

    @Test
    void bypassTokensOpenTheSiteUntilRevoked() throws Exception {
        assertThat(send(PREVIEW, "/", "x-slipway-protection-bypass", BYPASS).statusCode()).isEqualTo(200);
        assertThat(send(PREVIEW, "/", "x-slipway-protection-bypass", BYPASS, "Range", "bytes=0-3").statusCode())
                .isEqualTo(206);
        assertThat(send(PREVIEW, "/api/b", "x-slipway-protection-bypass", BYPASS).body())
                .isEqualTo("upstream /v1/b");
        assertThat(send(PREVIEW, "/", "x-slipway-protection-bypass", "wrong").statusCode()).isEqualTo(302);

        HttpResponse<String> query = send(PREVIEW, "/docs/a.html?a=1&x-slipway-protection-bypass=" + BYPASS + "&b=2");
        assertThat(query.statusCode()).isEqualTo(302);
        assertThat(query.headers().firstValue("Location")).contains("/docs/a.html?a=1&b=2");
        String setCookie = query.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(send(PREVIEW, "/docs/a.html", "Cookie", setCookie.substring(0, setCookie.indexOf(';'))).body())
                .isEqualTo("docs");
        assertThat(send(PREVIEW, "/?x-slipway-protection-bypass=wrong").statusCode()).isEqualTo(403);

        // revoked: gone from the next snapshot
        long version = edge.bean(Routes.class).version();
        controlPlane.publish(snapshot(version + 1, List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.bean(Routes.class).version() > version);
        try {
            assertThat(send(PREVIEW, "/", "x-slipway-protection-bypass", BYPASS).statusCode()).isEqualTo(302);
            assertThat(send(PREVIEW, "/api/b", "x-slipway-protection-bypass", BYPASS).statusCode()).isEqualTo(302);
            assertThat(send(PREVIEW, "/?x-slipway-protection-bypass=" + BYPASS).statusCode()).isEqualTo(403);
        } finally {
            controlPlane.publish(snapshot(version + 2, List.of(ProtectionTokens.bypassHash(BYPASS))));
            await().atMost(Duration.ofSeconds(30)).until(() -> edge.bean(Routes.class).version() > version + 1);
        }
    }

    private static String callback(String host, long validFor, String target) {
        String token = ProtectionTokens.signToken(keys.getPrivate(), host, Instant.now().getEpochSecond() + validFor);
        return "/_slipway/protection/callback?token=" + token + "&return="
                + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String host, String path, String... headers) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            List<String> all = new ArrayList<>(List.of(headers));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Host", host);
            if (!all.isEmpty()) {
                request.headers(all.toArray(String[]::new));
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
