package dev.slipway.protocol.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <root>/ab/cdef...}: written to a temporary file, fsynced, then atomically renamed, so a
 * blob is either absent or complete.
 */
public final class FileSystemBlobStore implements BlobStore {

    private final Path root;
    private final Path incoming;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public String put(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in);
        }
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        return put(new java.io.ByteArrayInputStream(bytes));
    }

    private String put(InputStream source) throws IOException {
        Path temp = Files.createTempFile(incoming, "blob", ".tmp");
        try {
            MessageDigest sha256 = BlobKeys.sha256();
            try (DigestInputStream in = new DigestInputStream(source, sha256);
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String key = HexFormat.of().formatHex(sha256.digest());
            Path target = pathOf(key);
            // an existing blob is touched: its writer is about to reference it, and blob GC spares recent blobs
            if (!touched(target)) {
                Files.createDirectories(target.getParent());
                moveIntoPlace(temp, target);
            }
            return key;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean touch(String key) throws IOException {
        return touched(pathOf(BlobKeys.require(key)));
    }

    private static boolean touched(Path target) throws IOException {
        try {
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return true;
        } catch (java.nio.file.NoSuchFileException absent) {
            return false;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // another writer stored the same bytes first; blobs are immutable, so theirs is ours
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store needs a file system with atomic rename: " + target, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return isKey(key) && Files.isRegularFile(pathOf(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(BlobKeys.require(key)));
    }

    @Override
    public byte[] read(String key) throws IOException {
        return Files.readAllBytes(pathOf(BlobKeys.require(key)));
    }

    @Override
    public Optional<Path> localFile(String key) {
        return exists(key) ? Optional.of(pathOf(key)) : Optional.empty();
    }

    @Override
    public Optional<Instant> lastTouched(String key) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(pathOf(BlobKeys.require(key))).toInstant());
        } catch (java.nio.file.NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(pathOf(BlobKeys.require(key)));
    }

    /** Reads one fan-out directory at a time (1/256 of the store), from the one {@code after} lies in. */
    @Override
    public Page list(String after, int limit) throws IOException {
        List<String> keys = new ArrayList<>();
        String from = after == null ? "" : after;
        String fromDir = from.substring(0, Math.min(2, from.length()));
        for (String dir : sortedNames(root, name -> name.length() == 2 && name.compareTo(fromDir) >= 0)) {
            for (String rest : sortedNames(root.resolve(dir), name -> true)) {
                String key = dir + rest;
                if (BlobKeys.isKey(key) && key.compareTo(from) > 0) {
                    if (keys.size() == limit) {
                        return new Page(keys, keys.getLast());
                    }
                    keys.add(key);
                }
            }
        }
        return new Page(keys, null);
    }

    private static List<String> sortedNames(Path dir, java.util.function.Predicate<String> wanted) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(wanted).sorted().toList();
        } catch (java.nio.file.NoSuchFileException gone) {
            return List.of();
        }
    }

    public Path root() {
        return root;
    }

    private Path pathOf(String key) {
        return root.resolve(BlobKeys.fanOut(key));
    }

    @Override
    public String toString() {
        return "file:" + root;
    }

    public static boolean isKey(String key) {
        return BlobKeys.isKey(key);
    }
}
