package dev.slipway.edge.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.edge.TestSites;
import dev.slipway.edge.site.RoutingTableBuilder;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTests {

    @TempDir
    Path dir;

    @Test
    void roundTripsASnapshotAndReplacesTheOldOne() throws IOException {
        SnapshotStore store = new SnapshotStore(dir.resolve("edge/routes.json"));
        assertThat(store.load()).isEmpty();
        RouteSnapshot first = new RouteSnapshot(3, List.of(new SiteRoute("main.a1.localhost", "a1", "main", "d1", "ab".repeat(32))));
        RouteSnapshot second = new RouteSnapshot(4, List.of(
                new SiteRoute("main.a1.localhost", "a1", "main", "d2", "cd".repeat(32)),
                new SiteRoute("pr-7.a1.localhost", "a1", "pr-7", "d3", "ef".repeat(32))));
        store.save(first);
        store.save(second);
        assertThat(store.load()).contains(second);
        try (var files = Files.list(dir.resolve("edge"))) {
            assertThat(files).containsExactly(dir.resolve("edge/routes.json").toAbsolutePath());
        }
    }

    @Test
    void aCorruptFileIsReportedNotSilentlyEmpty() throws IOException {
        Files.createDirectories(dir.resolve("edge"));
        Files.writeString(dir.resolve("edge/routes.json"), "{\"version\": 1, \"sites\": [");
        assertThatThrownBy(() -> new SnapshotStore(dir.resolve("edge/routes.json")).load())
                .isInstanceOf(IOException.class);
    }

    @Test
    void routesLoadTheDiskSnapshotAndKeepAHostWhoseNewManifestIsMissing() throws IOException {
        String v1 = TestSites.in(dir).file("index.html", "<h1>one</h1>").deploy();
        SnapshotStore store = new SnapshotStore(dir.resolve("edge/routes.json"));
        store.save(TestSites.snapshot(1, "Main.dabc123.localhost", v1));
        Routes routes = new Routes(new RoutingTableBuilder(new FileSystemBlobStore(dir.resolve("blobs")), 1024), store);
        assertThat(routes.version()).isEqualTo(1);
        assertThat(routes.current().site("main.dabc123.localhost").manifestHash()).isEqualTo(v1);

        assertThat(routes.apply(TestSites.snapshot(2, "main.dabc123.localhost", "00".repeat(32)))).isTrue();
        assertThat(routes.version()).isEqualTo(2);
        assertThat(routes.current().site("main.dabc123.localhost").manifestHash()).isEqualTo(v1);
        assertThat(routes.apply(TestSites.snapshot(1, "main.dabc123.localhost", v1))).isFalse();
        assertThat(store.load()).map(RouteSnapshot::version).contains(2L);
    }
}
