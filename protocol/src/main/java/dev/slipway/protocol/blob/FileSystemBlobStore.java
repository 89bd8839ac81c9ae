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
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files under {@code <root>/ab/cdef...}: written to a temporary file, fsynced, then atomically renamed, so a
 * blob is either absent or complete.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

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
            MessageDigest sha256 = sha256();
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
        return Files.newInputStream(pathOf(requireKey(key)));
    }

    @Override
    public byte[] read(String key) throws IOException {
        return Files.readAllBytes(pathOf(requireKey(key)));
    }

    @Override
    public Optional<Path> localFile(String key) {
        return exists(key) ? Optional.of(pathOf(key)) : Optional.empty();
    }

    public Path root() {
        return root;
    }

    private Path pathOf(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2));
    }

    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    private static String requireKey(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
