package dev.slipway.runner.compute;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.runner.executor.TarArchives;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a compute bundle's files, read from the blob store, as a tar rooted at {@code app/} for
 * {@code copyArchiveToContainer} (no bind mounts: stack-notes pitfall 11). Entries are owned by root with modes
 * 0644/0755, so the non-root app can read its code but not change it.
 */
final class BundleArchive {

    static final String APP_DIR = "app";

    private BundleArchive() {
    }

    /** Writes the tar to a new temporary file in {@code scratch}; the caller deletes it. */
    static Path write(ComputeBundle bundle, BlobStore blobs, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path archive = Files.createTempFile(scratch, "bundle", ".tar");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive));
             TarArchiveOutputStream tar = TarArchives.newOutput(file)) {
            directory(tar, APP_DIR);
            Set<String> directories = new HashSet<>();
            for (Map.Entry<String, ManifestEntry> entry : bundle.files().entrySet()) {
                String name = APP_DIR + "/" + entry.getKey();
                for (int slash = name.indexOf('/', APP_DIR.length() + 1); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    if (directories.add(name.substring(0, slash))) {
                        directory(tar, name.substring(0, slash));
                    }
                }
                String hash = entry.getValue().hash();
                Optional<Path> local = blobs.localFile(hash);
                if (local.isPresent()) {
                    TarArchives.addFile(tar, name, local.get(), 0644);
                } else {
                    TarArchives.addFile(tar, name, blobs.read(hash), 0644);
                }
            }
            tar.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(archive);
            throw e;
        }
        return archive;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
