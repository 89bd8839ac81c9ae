package dev.slipway.edge.blobcache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The disk cache's files: {@code <root>/ab/cdef...} like the file-system store, finished downloads renamed into place
 * from {@code <root>/incoming}. A file's access time is the last time the edge used it (set explicitly, so
 * {@code noatime} mounts do not matter): the index is rebuilt from sizes and access times after a restart. Its
 * modification time is the store's {@code lastTouched} of the blob once asked, {@link #STORE_TIME_UNKNOWN} until then.
 */
final class CacheDirectory {

    /** A downloaded blob whose store time has not been asked yet (it is asked only for manifests: Last-Modified). */
    static final FileTime STORE_TIME_UNKNOWN = FileTime.fromMillis(0);

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;

    /** One cached blob found on disk. */
    record Entry(String key, long size, FileTime lastAccess) {
    }

    CacheDirectory(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    Path root() {
        return root;
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    Path pathOf(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2));
    }

    /** Every cached blob, least recently used first; downloads a crash interrupted are deleted. */
    List<Entry> scan() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(incoming)) {
            for (Path partial : leftovers) {
                Files.deleteIfExists(partial);
            }
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(root, p -> p.getFileName().toString().length() == 2)) {
            for (Path dir : fanOut) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        String key = dir.getFileName().toString() + file.getFileName();
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        if (isKey(key) && attributes.isRegularFile()) {
                            entries.add(new Entry(key, attributes.size(), attributes.lastAccessTime()));
                        }
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::lastAccess));
        return entries;
    }

    Path newTempFile(String key) throws IOException {
        return Files.createTempFile(incoming, key.substring(0, 8), ".part");
    }

    /** Moves a verified download into place (a racing download of the same blob may have won: the bytes are equal). */
    Path moveIntoPlace(Path temp, String key) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the edge's blob cache needs a file system with atomic rename: " + target, e);
        }
        return target;
    }

    /** Remembers a use for the next restart; a file evicted meanwhile is no error. */
    void recordAccess(Path file, Instant when) {
        try {
            Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, FileTime.from(when), null);
        } catch (NoSuchFileException evicted) {
            // gone: nothing to remember
        } catch (IOException e) {
            // only the order after a restart suffers
        }
    }

    void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            // a file that cannot be deleted is out of the index already; the next restart counts it again
        }
    }
}
