package dev.slipway.runner.ssr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.DeployManifest;
import dev.slipway.runner.artifact.ArtifactCollector;

/**
 * A server-side rendered build output, checked against the deploy-manifest rules and ready to store: which files
 * the edge serves, which the compute host runs.
 *
 * @param manifest     the bundle's deploy manifest (read, or generated for Next.js)
 * @param staticFiles  URL path (no leading slash) to the real file
 * @param computeFiles path inside the compute bundle to the real file; empty for a purely static bundle
 * @param shownFiles   every file above by the name the user knows it, relative to the artifact directory (may
 *                     start with {@code ../}, e.g. Next's {@code public/}), for the secret scan's message
 * @param notes        what was skipped, for the build log
 */
public record SsrBundle(DeployManifest manifest, SortedMap<String, Path> staticFiles,
                        SortedMap<String, Path> computeFiles, Map<String, Path> shownFiles, List<String> notes) {

    public SsrBundle {
        staticFiles = new TreeMap<>(staticFiles);
        computeFiles = new TreeMap<>(computeFiles);
        // kept in order, so the secret scan reports the same file first on every run
        shownFiles = Collections.unmodifiableMap(new LinkedHashMap<>(shownFiles));
        notes = List.copyOf(notes);
    }

    public boolean hasCompute() {
        return manifest.defaultCompute() != null;
    }

    /**
     * Stores every file as a blob in one batch (through the collector, so static and SSR deployments share one store
     * path).
     */
    public ArtifactCollector.Collected store(ArtifactCollector artifacts, CustomHeaders headers) throws IOException {
        List<Path> files = new ArrayList<>(staticFiles.values());
        if (hasCompute()) {
            files.addAll(computeFiles.values());
        }
        BlobStore.Transfer transfer = artifacts.upload(files);
        DeploymentManifest deployment = DeploymentManifest.of(ArtifactCollector.entries(staticFiles, transfer))
                .withCustomHeaders(headers);
        if (hasCompute()) {
            deployment = deployment.withCompute(manifest.toBundle(ArtifactCollector.entries(computeFiles, transfer)));
        }
        return artifacts.publish(deployment, notes, transfer);
    }

    /** The build log's summary of a stored SSR deployment. */
    public static String describe(DeploymentManifest deployment) {
        ComputeBundle compute = deployment.compute();
        String server = compute == null ? "no compute bundle (static routes only)"
                : "compute bundle " + compute.files().size() + " files (" + compute.totalBytes() + " bytes), entrypoint "
                + compute.entrypoint() + ", runtime " + compute.runtime() + ", framework " + compute.framework() + " "
                + compute.frameworkVersion();
        return "SSR deployment: " + deployment.files().size() + " static files, " + server;
    }
}
