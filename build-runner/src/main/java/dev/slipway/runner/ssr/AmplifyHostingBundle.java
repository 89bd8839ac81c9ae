package dev.slipway.runner.ssr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.protocol.ssr.BundleContents;
import dev.slipway.protocol.ssr.DeployManifest;
import dev.slipway.protocol.ssr.DeployManifestException;
import dev.slipway.protocol.ssr.DeployManifestReader;

/**
 * Reads a {@code .amplify-hosting} directory (amplify-hosting-reference.md §11.1) as framework adapters write it:
 * {@code static/} is served at the URL root, {@code compute/default/} is the server, {@code deploy-manifest.json}
 * routes between them. Every rule is checked before anything is stored.
 */
public final class AmplifyHostingBundle {

    public static final String DIRECTORY = ".amplify-hosting";
    private static final long MAX_MANIFEST_BYTES = 1 << 20;

    private AmplifyHostingBundle() {
    }

    /** Whether {@code dir} is a bundle itself (its manifest at the root). */
    public static boolean isBundle(Path dir) {
        return Files.isRegularFile(dir.resolve(DeployManifestException.FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * @param root   the bundle directory, inside the copied artifact directory
     * @param prefix its path relative to the artifact directory, empty or ending with {@code /}
     * @throws DeployManifestException for a broken rule
     */
    public static SsrBundle read(Path root, String prefix) throws IOException {
        Path manifestFile = root.resolve(DeployManifestException.FILE);
        if (Files.size(manifestFile) > MAX_MANIFEST_BYTES) {
            throw new DeployManifestException("larger than 1 MiB");
        }
        byte[] json = Files.readAllBytes(manifestFile);
        BundleTree.Listing statics = BundleTree.list(root.resolve("static"), root, prefix + "static");
        BundleTree.Listing compute = BundleTree.list(root.resolve("compute/default"), root, prefix + "compute/default");
        BundleContents contents = new BundleContents(Files.isDirectory(root.resolve("static")),
                Files.isDirectory(root.resolve("compute")), compute.files().keySet(), compute.totalBytes());
        DeployManifest manifest = DeployManifestReader.read(json, contents);
        // without a compute resource nothing runs compute/, and its files are never served statically either
        SortedMap<String, Path> computeFiles = manifest.defaultCompute() == null ? new TreeMap<>() : compute.files();
        Map<String, Path> shown = new LinkedHashMap<>();
        statics.files().forEach((path, file) -> shown.put(prefix + "static/" + path, file));
        computeFiles.forEach((path, file) -> shown.put(prefix + "compute/default/" + path, file));
        List<String> notes = new ArrayList<>(statics.notes());
        notes.addAll(compute.notes());
        return new SsrBundle(manifest, statics.files(), computeFiles, shown, notes);
    }
}
