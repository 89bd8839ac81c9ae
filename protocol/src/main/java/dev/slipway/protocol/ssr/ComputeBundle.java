package dev.slipway.protocol.ssr;

import dev.slipway.protocol.artifact.ArtifactPaths;
import dev.slipway.protocol.artifact.ManifestEntry;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The server-side part of an SSR deployment (amplify-hosting-reference.md §11): the routes of its
 * {@code deploy-manifest.json} in order, and the files of {@code compute/default/}, which are never served as static
 * files. A compute host starts {@code node <entrypoint>} in a directory holding {@code files}; it listens on port 3000.
 *
 * @param entrypoint       file inside the bundle, e.g. {@code server.js}
 * @param runtime          Amplify's runtime name, e.g. {@code nodejs22.x}
 * @param framework        framework name from the manifest ({@code nuxt}, {@code nextjs}, ...)
 * @param frameworkVersion its version
 * @param routes           first match wins; the last one is {@code /*}
 * @param files            bundle path (relative to {@code compute/default/}) to its blob
 */
public record ComputeBundle(String entrypoint, String runtime, String framework, String frameworkVersion,
                            List<ComputeRoute> routes, SortedMap<String, ManifestEntry> files) {

    /** The only compute resource name deploy manifests v1 allow. */
    public static final String DEFAULT_RESOURCE = "default";
    /** The port the entrypoint must listen on. */
    public static final int PORT = 3000;

    public ComputeBundle {
        routes = List.copyOf(routes);
        files = new TreeMap<>(files);
        files.keySet().forEach(ArtifactPaths::requireSafe);
    }

    /** The first route matching a decoded request path, or null (never for a valid manifest: {@code /*} is last). */
    public ComputeRoute route(String path) {
        for (ComputeRoute route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(ManifestEntry::size).sum();
    }
}
