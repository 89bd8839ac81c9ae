package dev.slipway.runner.ssr;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.protocol.artifact.ArtifactPaths;

/**
 * Lists the files of a bundle directory. Unlike the static collector, it follows symlinks, because server bundles
 * need them (pnpm's and Next's standalone {@code node_modules} link packages into place); but only those whose real
 * target stays inside {@code confine}, so a link can never smuggle a file from outside the build output into a
 * deployment. Links out, dangling links and links back to an ancestor directory (a loop) are skipped with a note.
 */
public final class BundleTree {

    /**
     * @param files path relative to the listed directory (as served or run, through links) to the real file
     * @param notes what was skipped and why, for the build log
     */
    public record Listing(SortedMap<String, Path> files, List<String> notes) {

        public long totalBytes() throws IOException {
            long total = 0;
            for (Path file : files.values()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private final Path confine;
    private final String label;
    private final SortedMap<String, Path> files = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    /** Real paths of the directories being walked, to see a link that loops back. */
    private final Deque<Path> ancestors = new ArrayDeque<>();

    private BundleTree(Path confine, String label) {
        this.confine = confine;
        this.label = label;
    }

    /**
     * @param dir     the directory to list; an empty listing when it does not exist
     * @param confine links are followed only when their real target lies inside this directory
     * @param label   how notes name {@code dir} (e.g. {@code .amplify-hosting/compute/default})
     */
    public static Listing list(Path dir, Path confine, String label) throws IOException {
        BundleTree tree = new BundleTree(confine.toRealPath(), label);
        if (Files.isDirectory(dir)) {
            Path real = dir.toRealPath();
            if (!real.startsWith(tree.confine)) {
                tree.notes.add("skipped " + label + ": it links outside the build output");
            } else {
                tree.walk(real, "");
            }
        }
        return new Listing(tree.files, tree.notes);
    }

    private void walk(Path realDir, String prefix) throws IOException {
        ancestors.push(realDir);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(realDir)) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        for (Path entry : entries) {
            String relative = prefix + entry.getFileName();
            if (!ArtifactPaths.isSafe(relative)) {
                notes.add("skipped " + label + "/" + relative + ": not a path that can be stored");
                continue;
            }
            visit(entry, relative);
        }
        ancestors.pop();
    }

    private void visit(Path entry, String relative) throws IOException {
        Path real = entry;
        if (Files.isSymbolicLink(entry)) {
            try {
                real = entry.toRealPath();
            } catch (IOException dangling) {
                notes.add("skipped " + label + "/" + relative + ": a link to nothing");
                return;
            }
            if (!real.startsWith(confine)) {
                notes.add("skipped " + label + "/" + relative + ": a link pointing outside the build output");
                return;
            }
        }
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            if (ancestors.contains(real)) {
                notes.add("skipped " + label + "/" + relative + ": a link back to a directory above it");
                return;
            }
            walk(real, relative + "/");
        } else if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            files.put(relative, real);
        }
    }
}
