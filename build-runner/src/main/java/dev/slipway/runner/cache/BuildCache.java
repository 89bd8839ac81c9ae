package dev.slipway.runner.cache;

import dev.slipway.runner.metrics.RunnerMeters;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.runner.executor.TarArchives;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Saves a successful build's {@code cache.paths} as one tar blob and restores it into the next build's workspace.
 * Which blob a job restores, and which one a branch keeps, the control plane decides ({@code LeasedJob.cacheHash},
 * {@code JobCompletion.cacheHash}). A missing or unreadable cache never fails a build: it only costs time.
 * Stateless apart from the store; thread-safe.
 */
public final class BuildCache {

    /** Copies a directory of the finished build (relative to the app root) to a local directory. */
    public interface CopyOut {
        boolean copy(String appRelativeDir, Path localDir) throws IOException;
    }

    private final BlobStore blobs;

    public BuildCache(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Extracts the blob into the app root before the build; nothing when the spec has no cache section (as on
     * Amplify, removing the section stops reading the cache).
     *
     * @return a line for the build log
     */
    public String restore(String hash, List<String> cachePaths, Path appRoot) throws IOException {
        if (cachePaths.isEmpty()) {
            return null;
        }
        if (hash == null) {
            RunnerMeters.buildCache(false);
            return "[slipway] No build cache to restore";
        }
        try (InputStream in = blobs.open(hash)) {
            TarArchives.Extracted extracted = TarArchives.extract(in, appRoot, false);
            RunnerMeters.buildCache(true);
            return "[slipway] Restored the build cache (" + extracted.files() + " files)";
        } catch (NoSuchFileException e) {
            RunnerMeters.buildCache(false);
            return "[slipway] The build cache " + hash.substring(0, 12) + " is gone; building without it";
        }
    }

    /**
     * Tars the files the cache paths match out of the finished build and stores them.
     *
     * @return the blob's hash, or null when the spec caches nothing or nothing matched
     */
    public String save(List<String> cachePaths, CopyOut copyOut, Path scratch) throws IOException {
        CachePaths paths = CachePaths.of(cachePaths);
        if (paths.isEmpty()) {
            return null;
        }
        Path copied = scratch.resolve("cache");
        for (String base : paths.bases()) {
            copyOut.copy(base, base.isEmpty() ? copied : copied.resolve(base));
        }
        if (!Files.isDirectory(copied)) {
            return null;
        }
        Path tarFile = scratch.resolve("cache.tar");
        int added;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tarFile));
             TarArchiveOutputStream tar = TarArchives.newOutput(file)) {
            added = TarArchives.addSelected(tar, copied, paths::matches);
            tar.finish();
        }
        return added == 0 ? null : blobs.put(tarFile);
    }
}
