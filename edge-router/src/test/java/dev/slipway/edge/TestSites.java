package dev.slipway.edge;

import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.CustomHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds deployments the way the runner does: file blobs, then a manifest blob referencing them. */
public final class TestSites {

    private final BlobStore blobs;
    private final Map<String, ManifestEntry> files = new TreeMap<>();

    private TestSites(BlobStore blobs) {
        this.blobs = blobs;
    }

    public static TestSites in(Path dataDir) {
        try {
            return new TestSites(new FileSystemBlobStore(dataDir.resolve("blobs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deployments in any store, e.g. S3. */
    public static TestSites on(BlobStore blobs) {
        return new TestSites(blobs);
    }

    public TestSites file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestSites file(String path, byte[] bytes) {
        try {
            files.put(path, new ManifestEntry(blobs.put(bytes), bytes.length, ContentTypes.forPath(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stores the manifest and returns its hash; the builder can go on to make the next deployment. */
    public String deploy() {
        return deploy(CustomHeaders.NONE);
    }

    /** Like {@link #deploy()}, with the custom headers a customHttp.yml would have given. */
    public String deploy(CustomHeaders headers) {
        return deploy(headers, null);
    }

    /** Like {@link #deploy()}, for an SSR deployment whose compute part is {@code bundle}. */
    public String deploy(CustomHeaders headers, dev.slipway.protocol.ssr.ComputeBundle bundle) {
        try {
            String hash = blobs.put(DeploymentManifest.of(files).withCustomHeaders(headers).withCompute(bundle).toJson());
            files.clear();
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RouteSnapshot snapshot(long version, String host, String manifestHash) {
        return new RouteSnapshot(version, List.of(
                new SiteRoute(host, "dabc123", "main", "dep-" + manifestHash.substring(0, 8), manifestHash)));
    }

    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
