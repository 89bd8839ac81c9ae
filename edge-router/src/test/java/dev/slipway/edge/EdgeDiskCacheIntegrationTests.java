package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.edge.blobcache.Prefetcher;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.S3BlobStore;
import dev.slipway.protocol.blob.S3MockServer;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge whose blob store is a real S3-compatible server (S3Mock as its own process): files of any size are served
 * from its disk cache, and it keeps serving every deployment it was routed to, requested or not, once the store and
 * the control plane are gone, even across a restart.
 */
class EdgeDiskCacheIntegrationTests {

    private static final String BUCKET = "sites";
    private static final String FIRST = "main.dabc123.localhost";
    private static final String SECOND = "docs.dabc123.localhost";
    private static final String BROKEN = "broken.dabc123.localhost";

    @TempDir
    Path dataDir;

    private S3MockServer s3;
    private FakeControlPlane controlPlane;
    private RunningEdge edge;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {edge, controlPlane, s3}) {
            if (running != null) {
                running.close();
            }
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void servesLargeFilesFromS3AndEverythingItWasRoutedToOnceTheStoreAndControlPlaneAreGone() throws Exception {
        s3 = S3MockServer.start(BUCKET);
        BlobStore store = new S3BlobStore(s3.client(), BUCKET, "blobs");
        byte[] video = new byte[2 * 1024 * 1024 + 17];
        new Random(7).nextBytes(video);
        String first = TestSites.on(store).file("index.html", "<h1>one</h1>").file("video.bin", video).deploy();
        String second = TestSites.on(store).file("index.html", "<h1>two</h1>")
                .file("guide/index.html", "<h1>never asked for before the store went away</h1>").deploy();
        // a deployment whose one file's blob the store lost
        String broken = store.put(DeploymentManifest.of(Map.of("index.html",
                new ManifestEntry("ab".repeat(32), 10, "text/html; charset=utf-8"))).toJson());
        controlPlane = new FakeControlPlane("edge-token", new RouteSnapshot(5, List.of(
                new SiteRoute(FIRST, "dabc123", "main", "dep-first", first),
                new SiteRoute(SECOND, "dabc123", "docs", "dep-second", second),
                new SiteRoute(BROKEN, "dabc123", "broken", "dep-broken", broken))));
        // S3Mock takes any key pair; the edge finds it through the AWS SDK's default chain, as in production
        System.setProperty("aws.accessKeyId", "slipway");
        System.setProperty("aws.secretAccessKey", "slipway-secret");
        String[] onS3 = {"--slipway.edge.blobs.store=s3://" + BUCKET + "/blobs",
                "--slipway.edge.blobs.s3-endpoint=" + s3.endpoint(), "--slipway.edge.fetch-timeout=5s"};
        edge = RunningEdge.start(dataDir, controlPlane.url(), "edge-token", onS3);
        awaitTrue(() -> status(FIRST, "/") == 200);

        HttpResponse<byte[]> large = edge.get(FIRST, "/video.bin");
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.body()).isEqualTo(video);
        String lastModified = large.headers().firstValue("last-modified").orElseThrow();
        assertThat(edge.get(BROKEN, "/").statusCode()).as("the store answers that it lost the blob").isEqualTo(500);
        Prefetcher prefetcher = edge.bean(Prefetcher.class);
        awaitTrue(() -> prefetcher.prefetched(first) && prefetcher.prefetched(second));

        s3.close();
        s3 = null;
        controlPlane.close();
        controlPlane = null;

        assertServedFromCache(video, lastModified);
        HttpResponse<byte[]> unreachable = edge.get(BROKEN, "/");
        assertThat(unreachable.statusCode()).as("a blob never cached, store down").isEqualTo(503);
        assertThat(text(unreachable)).contains("cannot be reached");

        edge.close();
        edge = RunningEdge.start(dataDir, "http://127.0.0.1:" + TestSites.closedPort(), "edge-token", onS3);
        assertServedFromCache(video, lastModified);
    }

    private void assertServedFromCache(byte[] video, String lastModified) throws Exception {
        HttpResponse<byte[]> large = edge.get(FIRST, "/video.bin");
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.body()).isEqualTo(video);
        assertThat(large.headers().firstValue("last-modified")).contains(lastModified);
        assertThat(text(edge.get(FIRST, "/"))).isEqualTo("<h1>one</h1>");
        HttpResponse<byte[]> prefetched = edge.get(SECOND, "/guide/index.html");
        assertThat(prefetched.statusCode()).isEqualTo(200);
        assertThat(text(prefetched)).isEqualTo("<h1>never asked for before the store went away</h1>");
    }

    private int status(String host, String path) {
        try {
            return edge.get(host, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
