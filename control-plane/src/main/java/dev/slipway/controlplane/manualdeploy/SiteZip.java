package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.support.ManualDeploySettings;
import dev.slipway.protocol.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks an untrusted zip of a site into a directory, or refuses it with a reason a person can act on
 * ({@link Refused}) before anything of it is stored: entries whose path is not a servable one (zip-slip: {@code ..},
 * absolute paths, backslashes; the one rule of {@link ArtifactPaths}), links, more entries than allowed, and zip
 * bombs (a file expanding more than the ratio allows, or the files together more than the unpacked limit, counted
 * on the bytes actually written, not on what the headers claim). Files land under {@code target} by their entry path,
 * which {@link ArtifactPaths} already confined, so nothing is written outside it.
 */
final class SiteZip {

    /** Below this, a high ratio is a small file of repeated bytes, not a bomb. */
    private static final long RATIO_FLOOR = 1024 * 1024;

    /** The zip cannot be deployed; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** @param files served path → unpacked file */
    record Unpacked(Map<String, Path> files, long bytes) {
    }

    private final ManualDeploySettings limits;

    SiteZip(ManualDeploySettings limits) {
        this.limits = limits;
    }

    Unpacked unpack(Path zip, Path target) throws Refused, IOException {
        ZipFile archive;
        try {
            archive = ZipFile.builder().setPath(zip).get();
        } catch (IOException notZip) {
            throw new Refused("The upload is not a zip archive (" + notZip.getMessage() + ").");
        }
        try (archive) {
            List<ZipArchiveEntry> entries = Collections.list(archive.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw new Refused("The zip has " + entries.size() + " entries; at most " + limits.maxEntries()
                        + " are allowed (SLIPWAY_MANUAL_DEPLOY_MAX_ENTRIES).");
            }
            for (ZipArchiveEntry entry : entries) {
                check(entry);
            }
            Map<String, Path> files = new TreeMap<>();
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (files.containsKey(entry.getName())) {
                    throw new Refused("The zip holds '" + entry.getName() + "' twice.");
                }
                Path file = target.resolve(entry.getName());
                try {
                    Files.createDirectories(file.getParent());
                    try (InputStream in = archive.getInputStream(entry);
                         OutputStream out = Files.newOutputStream(file)) {
                        total += copy(entry, in, out, total);
                    }
                } catch (java.nio.file.FileSystemException clash) {
                    throw new Refused("The zip holds '" + entry.getName() + "' where another entry is a file or a "
                            + "directory of the same name.");
                }
                files.put(entry.getName(), file);
            }
            if (files.isEmpty()) {
                throw new Refused("The zip holds no files.");
            }
            return new Unpacked(files, total);
        }
    }

    /** What can be refused from the central directory alone, before a byte is unpacked. */
    private void check(ZipArchiveEntry entry) throws Refused {
        String name = entry.getName();
        if (entry.isUnixSymlink()) {
            throw new Refused("The zip holds a symbolic link ('" + name + "'); links are not deployed, zip the "
                    + "files they point to.");
        }
        String path = entry.isDirectory() && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (!ArtifactPaths.isSafe(path)) {
            throw new Refused("The zip holds an entry whose path cannot be served: '" + name + "' (absolute, with "
                    + "'..' or '.' segments, a backslash or an empty segment).");
        }
        long size = entry.getSize();
        if (size > limits.maxUnpackedSize().toBytes()) {
            throw tooLarge();
        }
        if (size > RATIO_FLOOR && entry.getCompressedSize() > 0
                && size / entry.getCompressedSize() > limits.maxCompressionRatio()) {
            throw bomb(name);
        }
    }

    /** Copies one entry, holding it to the limits whatever its header said. */
    private long copy(ZipArchiveEntry entry, InputStream in, OutputStream out, long before)
            throws IOException, Refused {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            written += n;
            if (before + written > limits.maxUnpackedSize().toBytes()) {
                throw tooLarge();
            }
            if (written > RATIO_FLOOR && written / compressed > limits.maxCompressionRatio()) {
                throw bomb(entry.getName());
            }
            out.write(buffer, 0, n);
        }
        return written;
    }

    private Refused tooLarge() {
        return new Refused("The zip unpacks to more than " + limits.maxUnpackedSize().toBytes() + " bytes "
                + "(SLIPWAY_MANUAL_DEPLOY_MAX_UNPACKED_SIZE); nothing was deployed.");
    }

    private Refused bomb(String name) {
        return new Refused("'" + name + "' expands more than " + limits.maxCompressionRatio() + " times its "
                + "compressed size (a zip bomb?); nothing was deployed (SLIPWAY_MANUAL_DEPLOY_MAX_COMPRESSION_RATIO).");
    }
}
