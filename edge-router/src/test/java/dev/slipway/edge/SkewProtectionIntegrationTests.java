package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.auth.BasicAuthHash;
import dev.slipway.protocol.edge.RecentDeployment;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skew protection through the real edge (issue 22): after deployment B went live, a page from deployment A keeps getting
 * A's assets when its requests carry A's id (header, query or cookie), on branch hosts, custom domains and behind basic
 * auth; unknown, foreign and too old ids get the live deployment; HTML answers set the cookie only where the branch has
 * skew protection on; and the answer memo of cached hits never gives A's answer to a request for B.
 */
class SkewProtectionIntegrationTests {

    private static final String APP = "dskew00000001";
    private static final String HOST = "main." + APP + ".localhost";
    private static final String DOMAIN = "www.skew.example";
    private static final String LOCKED = "locked." + APP + ".localhost";
    private static final String OFF = "off." + APP + ".localhost";
    private static final String OTHER = "other." + APP + ".localhost";
    private static final String CREDENTIALS = "Basic " + Base64.getEncoder()
            .encodeToString("team:secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dataDir;

    @AutoClose
    private static FakeControlPlane controlPlane;
    @AutoClose
    private static RunningEdge edge;
    private static String a;
    private static String b;
    private static String old;
    private static String foreign;
    private static final AtomicLong version = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        a = site("A");
        b = site("B");
        old = site("OLD");
        foreign = site("FOREIGN");
        controlPlane = new FakeControlPlane("edge-token", aIsLive(version.incrementAndGet()));
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token");
        awaitVersion(version.get());
    }

    private static RouteSnapshot aIsLive(long at) {
        return new RouteSnapshot(at, List.of(
                new SiteRoute(HOST, APP, "main", "dep-a", a, null, List.of()),
                new SiteRoute(OFF, APP, "off", "dep-a", a)));
    }

    /** A deployment whose page and asset say which one it is. */
    private static String site(String name) {
        return TestSites.in(dataDir).file("index.html", "<h1>" + name + "</h1>").file("app.js", "deployment " + name)
                .deploy();
    }

    private static void bGoesLive() throws Exception {
        String locked = BasicAuthHash.create(
                Base64.getEncoder().encodeToString("team:secret".getBytes(StandardCharsets.UTF_8)));
        List<RecentDeployment> recent = List.of(
                new RecentDeployment("dep-b", b, null),
                new RecentDeployment("dep-a", a, System.currentTimeMillis() + Duration.ofDays(7).toMillis()),
                new RecentDeployment("dep-old", old, System.currentTimeMillis() - 1));
        SiteRoute main = new SiteRoute(HOST, APP, "main", "dep-b", b, null, recent);
        controlPlane.publish(new RouteSnapshot(version.incrementAndGet(), List.of(main, main.withHost(DOMAIN),
                new SiteRoute(LOCKED, APP, "locked", "dep-b", b, locked, recent),
                new SiteRoute(OFF, APP, "off", "dep-b", b),
                new SiteRoute(OTHER, APP, "other", "dep-foreign", foreign, null, List.of()))));
        awaitVersion(version.get());
    }

    @Test
    void aPageFromAKeepsGettingAsAssetsAfterBWentLive() throws Exception {
        controlPlane.publish(aIsLive(version.incrementAndGet()));
        awaitVersion(version.get());
        HttpResponse<byte[]> page = edge.get(HOST, "/");
        assertThat(text(page)).isEqualTo("<h1>A</h1>");
        assertThat(page.headers().allValues("Set-Cookie")).containsExactly("_dpl=dep-a; Path=/; SameSite=Lax");
        assertThat(edge.get(HOST, "/app.js").headers().allValues("Set-Cookie")).isEmpty();
        assertThat(edge.get(OFF, "/").headers().allValues("Set-Cookie")).isEmpty();

        bGoesLive();
        for (int round = 0; round < 3; round++) {
            // alternating on one path, so a remembered answer of one deployment would show up for the other
            assertThat(text(edge.get(HOST, "/app.js", "X-Amplify-Dpl", "dep-a"))).isEqualTo("deployment A");
            assertThat(text(edge.get(HOST, "/app.js"))).isEqualTo("deployment B");
            assertThat(text(edge.get(HOST, "/app.js?dpl=dep-a"))).isEqualTo("deployment A");
            assertThat(text(edge.get(HOST, "/app.js", "Cookie", "theme=dark; _dpl=dep-a"))).isEqualTo("deployment A");
            assertThat(text(edge.get(HOST, "/app.js", "Cookie", "_dpl=dep-b"))).isEqualTo("deployment B");
            assertThat(text(edge.get(DOMAIN, "/app.js", "X-Amplify-Dpl", "dep-a"))).isEqualTo("deployment A");
            assertThat(text(edge.get(DOMAIN, "/app.js"))).isEqualTo("deployment B");
        }
        // the header wins over the query, the query over the cookie
        assertThat(text(edge.get(HOST, "/app.js?dpl=dep-b", "X-Amplify-Dpl", "dep-a"))).isEqualTo("deployment A");
        assertThat(text(edge.get(HOST, "/app.js?dpl=dep-a", "Cookie", "_dpl=dep-b"))).isEqualTo("deployment A");

        HttpResponse<byte[]> pinnedPage = edge.get(HOST, "/", "Cookie", "_dpl=dep-a");
        assertThat(text(pinnedPage)).isEqualTo("<h1>A</h1>");
        assertThat(pinnedPage.headers().allValues("Set-Cookie")).containsExactly("_dpl=dep-a; Path=/; SameSite=Lax");
        HttpResponse<byte[]> livePage = edge.get(HOST, "/");
        assertThat(text(livePage)).isEqualTo("<h1>B</h1>");
        assertThat(livePage.headers().allValues("Set-Cookie")).containsExactly("_dpl=dep-b; Path=/; SameSite=Lax");
    }

    @Test
    void unknownForeignAndTooOldDeploymentsGetTheLiveOne() throws Exception {
        bGoesLive();
        for (String id : List.of("dep-nope", "dep-foreign", "dep-old", "")) {
            assertThat(text(edge.get(HOST, "/app.js", "X-Amplify-Dpl", id))).as(id).isEqualTo("deployment B");
            assertThat(text(edge.get(HOST, "/app.js?dpl=" + id))).as(id).isEqualTo("deployment B");
            assertThat(text(edge.get(HOST, "/app.js", "Cookie", "_dpl=" + id))).as(id).isEqualTo("deployment B");
        }
    }

    @Test
    void withSkewProtectionOffNothingIsPinnedAndNoCookieSet() throws Exception {
        bGoesLive();
        HttpResponse<byte[]> page = edge.get(OFF, "/", "X-Amplify-Dpl", "dep-a");
        assertThat(text(page)).isEqualTo("<h1>B</h1>");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(text(edge.get(OFF, "/app.js?dpl=dep-a", "Cookie", "_dpl=dep-a"))).isEqualTo("deployment B");
    }

    @Test
    void basicAuthStillAppliesToAPinnedDeployment() throws Exception {
        bGoesLive();
        assertThat(edge.get(LOCKED, "/app.js", "X-Amplify-Dpl", "dep-a").statusCode()).isEqualTo(401);
        assertThat(text(edge.get(LOCKED, "/app.js", "X-Amplify-Dpl", "dep-a", "Authorization", CREDENTIALS)))
                .isEqualTo("deployment A");
        HttpResponse<byte[]> page = edge.get(LOCKED, "/", "Authorization", CREDENTIALS);
        assertThat(text(page)).isEqualTo("<h1>B</h1>");
        assertThat(page.headers().allValues("Set-Cookie")).containsExactly("_dpl=dep-b; Path=/; SameSite=Lax");
    }

    private static void awaitVersion(long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!text(edge.get("any.localhost", "/_slipway/health")).contains("\"routeVersion\":" + version + "}")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("edge never reached route version " + version);
            }
            Thread.sleep(50);
        }
    }
}
