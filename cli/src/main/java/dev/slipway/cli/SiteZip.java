package dev.slipway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of built files as the zip a manual deploy uploads: regular files only, by their path under the folder, in
 * name order. Symbolic links are left out (the server refuses links in a zip, and one could point outside the folder);
 * the count of what was left out is reported so nothing disappears silently.
 */
final class SiteZip {

    record Zipped(Path file, int files, int skippedLinks) {
    }

    private SiteZip() {
    }

    static Zipped of(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new UsageException(folder + " is not a folder or a .zip file");
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(folder)) { // does not enter linked folders
            entries = walk.filter(path -> !path.equals(folder)).sorted().toList();
        }
        Path zip = Files.createTempFile("slipway-deploy", ".zip");
        int files = 0;
        int links = 0;
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Path path : entries) {
                if (Files.isSymbolicLink(path)) {
                    links++;
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    out.putNextEntry(new ZipEntry(entryName(folder, path)));
                    Files.copy(path, out);
                    out.closeEntry();
                    files++;
                }
            }
        }
        if (files == 0) {
            Files.delete(zip);
            throw new UsageException(folder + " has no files to deploy");
        }
        return new Zipped(zip, files, links);
    }

    static String entryName(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
