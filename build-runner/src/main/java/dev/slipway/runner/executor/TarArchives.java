package dev.slipway.runner.executor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tar streams for moving files in and out of build containers without bind mounts (stack-notes pitfall 11). */
public final class TarArchives {

    private TarArchives() {
    }

    public static TarArchiveOutputStream newOutput(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    /** Adds {@code dir} recursively under {@code prefix} (no trailing slash); symlinks are stored as symlinks. */
    public static void addDirectory(TarArchiveOutputStream tar, Path dir, String prefix) throws IOException {
        addEntry(tar, new TarArchiveEntry(prefix + "/"), null);
        addTree(tar, dir, prefix + "/", relative -> true, true);
    }

    /**
     * Adds the files and symlinks under {@code dir} whose relative path {@code include} accepts, named by that path,
     * with only the directories leading to them.
     *
     * @return how many files and links were added
     */
    public static int addSelected(TarArchiveOutputStream tar, Path dir, Predicate<String> include) throws IOException {
        return addTree(tar, dir, "", include, false);
    }

    private static int addTree(TarArchiveOutputStream tar, Path dir, String prefix, Predicate<String> include,
                               boolean everyDirectory) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        Set<String> directories = new HashSet<>();
        int added = 0;
        for (Path path : paths) {
            String relative = dir.relativize(path).toString().replace('\\', '/');
            String name = prefix + relative;
            boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (directory ? !everyDirectory : !include.test(relative)) {
                continue;
            }
            if (!everyDirectory) {
                addParents(tar, relative, directories);
            }
            if (Files.isSymbolicLink(path)) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName(Files.readSymbolicLink(path).toString());
                addEntry(tar, link, null);
                added++;
            } else if (directory) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                entry.setMode(040755);
                addEntry(tar, entry, null);
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
                entry.setMode(Files.isExecutable(path) ? 0100755 : 0100644);
                addEntry(tar, entry, path);
                added++;
            }
        }
        return added;
    }

    private static void addParents(TarArchiveOutputStream tar, String relative, Set<String> added) throws IOException {
        for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
            String parent = relative.substring(0, slash);
            if (added.add(parent)) {
                TarArchiveEntry entry = new TarArchiveEntry(parent + "/");
                entry.setMode(040755);
                addEntry(tar, entry, null);
            }
        }
    }

    public static void addFile(TarArchiveOutputStream tar, String name, byte[] bytes, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    public static void addFile(TarArchiveOutputStream tar, String name, Path file, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
        entry.setMode(0100000 | mode);
        addEntry(tar, entry, file);
    }

    private static void addEntry(TarArchiveOutputStream tar, TarArchiveEntry entry, Path content) throws IOException {
        entry.setUserId(0);
        entry.setGroupId(0);
        tar.putArchiveEntry(entry);
        if (content != null) {
            Files.copy(content, tar);
        }
        tar.closeArchiveEntry();
    }

    /** What {@link #extract} did. */
    public record Extracted(int files, List<String> skipped) {
    }

    /**
     * Extracts a tar into {@code dest} (created), never writing outside it: absolute names and names with {@code ..}
     * segments are skipped, as are symlinks and hard links whose target lies outside {@code dest}, and entries whose
     * parent directory resolves (through an earlier symlink) outside {@code dest}.
     *
     * @param stripFirst drop the first path component of every name (docker's copy-out prefixes the directory name)
     */
    public static Extracted extract(InputStream in, Path dest, boolean stripFirst) throws IOException {
        Files.createDirectories(dest);
        Path root = dest.toRealPath();
        List<String> skipped = new ArrayList<>();
        int files = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = relativeName(entry.getName(), stripFirst);
            if (name == null) {
                skipped.add(entry.getName());
                continue;
            }
            if (name.isEmpty()) {
                continue;
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root) || !parentInside(target, root)) {
                skipped.add(entry.getName());
                continue;
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                if (!linkInside(target, entry.getLinkName(), root)) {
                    skipped.add(entry.getName());
                    continue;
                }
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                String linked = relativeName(entry.getLinkName(), stripFirst);
                Path source = linked == null ? null : root.resolve(linked).normalize();
                if (source == null || !source.startsWith(root) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(entry.getName());
                    continue;
                }
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                files++;
            } else if (entry.isFile()) {
                if (Files.isSymbolicLink(target)) {
                    Files.delete(target);
                }
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                if ((entry.getMode() & 0100) != 0) {
                    addExecutable(target);
                }
                files++;
            } else {
                skipped.add(entry.getName());
            }
        }
        return new Extracted(files, skipped);
    }

    private static String relativeName(String raw, boolean stripFirst) {
        if (raw == null || raw.startsWith("/") || raw.contains("\\") || raw.indexOf('\0') >= 0) {
            return null;
        }
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (stripFirst) {
            int slash = name.indexOf('/');
            name = slash < 0 ? "" : name.substring(slash + 1);
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** The parent's nearest existing ancestor must resolve inside root before any directory is created. */
    private static boolean parentInside(Path target, Path root) throws IOException {
        Path parent = target.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !realInside(existing, root)) {
            return false;
        }
        Files.createDirectories(parent);
        return realInside(parent, root);
    }

    private static boolean realInside(Path path, Path root) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException dangling) {
            return false;
        }
    }

    private static boolean linkInside(Path link, String linkName, Path root) {
        if (linkName == null || linkName.isEmpty()) {
            return false;
        }
        Path to = Path.of(linkName);
        Path resolved = (to.isAbsolute() ? to : link.getParent().resolve(to)).normalize();
        return !to.isAbsolute() && resolved.startsWith(root);
    }

    private static void addExecutable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: artifacts do not need the bit
        }
    }

}
