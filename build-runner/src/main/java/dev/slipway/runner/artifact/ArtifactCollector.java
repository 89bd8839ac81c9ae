package dev.slipway.runner.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.slipway.protocol.artifact.ArtifactPaths;
import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.glob.GlobMatcher;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;

/**
 * Turns a build's output directory into blobs and a deployment manifest. Selects files by the {@code files} globs,
 * optionally flattens them ({@code discard-paths}), never follows a symlink out of the directory (real paths must
 * stay inside), stores each file and then the manifest in the {@link BlobStore}. Stateless apart from the store.
 */
public final class ArtifactCollector {

    private final BlobStore blobs;

    public ArtifactCollector(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The result: what to report, lines worth showing in the build log, and what travelled to the store. */
    public record Collected(DeploymentUpload upload, DeploymentManifest manifest, List<String> notes,
                            BlobStore.Transfer transfer) {
    }

    /** Files stored as blobs: their manifest entries by the names given, and what travelled to the store. */
    public record StoredFiles(SortedMap<String, ManifestEntry> entries, BlobStore.Transfer transfer) {
    }

    /** A file chosen for the deployment: where it came from (relative to the base directory) and its real path. */
    public record Selected(String relative, Path file) {
    }

    /** The files a deployment would contain, by served path, before anything is stored. */
    public record Selection(Map<String, Selected> files, List<String> notes) {
    }

    /** Selects, then stores; empty upload (0 files) when nothing matched, and the caller fails the job. */
    public Collected collect(Path baseDir, List<String> globs, boolean discardPaths) throws IOException {
        return store(select(baseDir, globs, discardPaths));
    }

    /** Chooses the files to deploy without storing anything (so they can be checked first). */
    public Selection select(Path baseDir, List<String> globs, boolean discardPaths) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, Selected> files = new TreeMap<>();
        if (!Files.isDirectory(baseDir)) {
            return new Selection(files, notes);
        }
        Path root = baseDir.toRealPath();
        GlobMatcher matcher = GlobMatcher.of(globs);
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(root)) {
            candidates = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path path : candidates) {
            String relative = root.relativize(path).toString().replace('\\', '/');
            if (!matcher.matches(relative)) {
                continue;
            }
            if (relative.equals(".git") || relative.startsWith(".git/") || relative.contains("/.git/")) {
                continue; // a repository's history is never content to serve (baseDirectory '/' contains it)
            }
            Path real = realFileInside(path, root);
            if (real == null) {
                notes.add("skipped " + relative + ": a link pointing outside the artifact directory or to no file");
                continue;
            }
            String served = discardPaths ? path.getFileName().toString() : relative;
            if (!ArtifactPaths.isSafe(served)) {
                notes.add("skipped " + relative + ": not a path that can be served");
                continue;
            }
            if (files.containsKey(served)) {
                notes.add("discard-paths: " + relative + " replaces an earlier file named " + served);
            }
            files.put(served, new Selected(relative, real));
        }
        return new Selection(files, notes);
    }

    /** Stores the selected files and their manifest in the blob store. */
    public Collected store(Selection selection) throws IOException {
        return store(selection, CustomHeaders.NONE);
    }

    /** @param headers the repository's custom headers, stored in the manifest (a redeploy applies them, as in Amplify) */
    public Collected store(Selection selection, CustomHeaders headers) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        selection.files().forEach((served, selected) -> files.put(served, selected.file()));
        StoredFiles stored = storeFiles(files);
        DeploymentManifest manifest = DeploymentManifest.of(stored.entries()).withCustomHeaders(headers);
        return publish(manifest, selection.notes(), stored.transfer());
    }

    /** Stores each file as a blob, all in one batch; the entries name them by the given paths. */
    public StoredFiles storeFiles(Map<String, Path> files) throws IOException {
        BlobStore.Transfer transfer = upload(files.values());
        return new StoredFiles(entries(files, transfer), transfer);
    }

    /** Stores files as blobs in one batch: one question to the store about all of them, only missing bytes travel. */
    public BlobStore.Transfer upload(Collection<Path> files) throws IOException {
        return blobs.putAll(files);
    }

    /** The manifest entries of files {@code transfer} stored, named by the given paths. */
    public static SortedMap<String, ManifestEntry> entries(Map<String, Path> files, BlobStore.Transfer transfer)
            throws IOException {
        SortedMap<String, ManifestEntry> entries = new TreeMap<>();
        for (var entry : files.entrySet()) {
            Path real = entry.getValue();
            String hash = transfer.keys().get(real);
            if (hash == null) {
                throw new IllegalArgumentException(real + " was not part of the upload");
            }
            entries.put(entry.getKey(), new ManifestEntry(hash, Files.size(real), ContentTypes.forPath(entry.getKey())));
        }
        return entries;
    }

    /** Stores the manifest of files already stored; an empty upload (no hash) when it holds no file at all. */
    public Collected publish(DeploymentManifest manifest, List<String> notes, BlobStore.Transfer transfer)
            throws IOException {
        int count = manifest.files().size() + (manifest.compute() == null ? 0 : manifest.compute().files().size());
        if (count == 0) {
            return new Collected(new DeploymentUpload(null, 0, 0), manifest, notes, transfer);
        }
        String manifestHash = blobs.put(manifest.toJson());
        return new Collected(new DeploymentUpload(manifestHash, count, manifest.totalBytes()), manifest, notes,
                transfer);
    }

    private static Path realFileInside(Path path, Path root) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? real : null;
        } catch (IOException dangling) {
            return null;
        }
    }
}
