package dev.slipway.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.edge.TestSites;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.headers.HeaderRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * App-level custom headers at the edge: they apply to deployments without a customHttp.yml, never to one with its
 * own (the repository file overrides the console, amplify-hosting-reference.md §4.2), and a snapshot change moves
 * them without loading a manifest again.
 */
class AppHeadersRoutingTests {

    private static final String APP = "dheaders12345";
    private static final String OTHER_APP = "dheaders67890";
    private static final String PLAIN = "main." + APP + ".localhost";
    private static final String OWN = "own." + APP + ".localhost";
    private static final String OTHER = "main." + OTHER_APP + ".localhost";

    @TempDir
    Path dataDir;

    private RoutingTableBuilder builder;
    private String plain;
    private String own;

    @BeforeEach
    void deployments() throws Exception {
        builder = new RoutingTableBuilder(new FileSystemBlobStore(dataDir.resolve("blobs")), 64 * 1024);
        plain = TestSites.in(dataDir).file("index.html", "plain").deploy();
        own = TestSites.in(dataDir).file("index.html", "own").deploy(headers("X-Own", "repository"));
    }

    @Test
    void appHeadersServeOnlyDeploymentsWithoutTheirOwn() {
        RoutingTable table = builder.build(snapshot(1, headers("X-App", "console")), RoutingTable.EMPTY);

        assertThat(table.site(PLAIN).headers().headersFor("/")).containsExactly(new Header("X-App", "console"));
        assertThat(table.site(OWN).headers().headersFor("/")).containsExactly(new Header("X-Own", "repository"));
        assertThat(table.site(OTHER).headers().headersFor("/")).as("another app's deployment").isEmpty();
    }

    @Test
    void aSnapshotChangeMovesAppHeadersWithoutANewManifest() {
        RoutingTable first = builder.build(snapshot(1, headers("X-App", "one")), RoutingTable.EMPTY);
        RoutingTable second = builder.build(snapshot(2, headers("X-App", "two")), first);

        assertThat(second.site(PLAIN).headers().headersFor("/index.html"))
                .containsExactly(new Header("X-App", "two"));
        assertThat(second.site(PLAIN).files()).as("the manifest was not loaded again")
                .isSameAs(first.site(PLAIN).files());
        assertThat(second.site(OWN)).as("a deployment with its own headers is untouched").isSameAs(first.site(OWN));

        RoutingTable cleared = builder.build(snapshot(3, null), second);
        assertThat(cleared.site(PLAIN).headers().isEmpty()).isTrue();
        assertThat(cleared.site(OWN).headers().headersFor("/")).containsExactly(new Header("X-Own", "repository"));
    }

    @Test
    void equalHeaderSetsAreCompiledOnceAndKeptWhileUnchanged() {
        CustomHeaders shared = headers("X-App", "same");
        RouteSnapshot snapshot = new RouteSnapshot(1, List.of(route(PLAIN, APP, plain), route(OTHER, OTHER_APP, plain)),
                List.of(new AppRoute(APP, List.of(), shared), new AppRoute(OTHER_APP, List.of(), shared)));
        RoutingTable first = builder.build(snapshot, RoutingTable.EMPTY);
        assertThat(first.site(OTHER).headers()).isSameAs(first.site(PLAIN).headers());

        RoutingTable again = builder.build(new RouteSnapshot(2, snapshot.sites(), snapshot.apps()), first);
        assertThat(again.site(PLAIN)).as("nothing changed, nothing rebuilt").isSameAs(first.site(PLAIN));
    }

    @Test
    void snapshotsWithoutAppHeadersStillRead() {
        JsonMapper json = JsonMapper.builder().build();
        AppRoute old = json.readValue("{\"appId\":\"" + APP + "\",\"customRules\":[]}", AppRoute.class);
        assertThat(old.customHeaders()).isNull();
        AppRoute current = new AppRoute(APP, List.of(), headers("X-App", "json"));
        assertThat(json.readValue(json.writeValueAsString(current), AppRoute.class)).isEqualTo(current);
        assertThat(json.writeValueAsString(new AppRoute(APP, List.of()))).doesNotContain("customHeaders");
    }

    private RouteSnapshot snapshot(long version, CustomHeaders appHeaders) {
        return new RouteSnapshot(version,
                List.of(route(PLAIN, APP, plain), route(OWN, APP, own), route(OTHER, OTHER_APP, plain)),
                List.of(new AppRoute(APP, List.of(), appHeaders)));
    }

    private static SiteRoute route(String host, String appId, String manifestHash) {
        return new SiteRoute(host, appId, host.substring(0, host.indexOf('.')), "d-" + manifestHash.substring(0, 8),
                manifestHash);
    }

    private static CustomHeaders headers(String key, String value) {
        return new CustomHeaders(List.of(new HeaderRule("**", List.of(new Header(key, value)))));
    }
}
