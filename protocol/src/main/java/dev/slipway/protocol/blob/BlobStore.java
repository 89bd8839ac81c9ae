package dev.slipway.protocol.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed, write-once storage for artifacts, manifests and caches. A blob's key is the lower-case hex
 * sha256 of its bytes; a stored blob is never modified, so readers may cache it forever.
 *
 * <p>Implementations are thread-safe. {@code put} is idempotent: storing bytes that are already present is a no-op
 * returning the same key. A blob becomes visible only once complete (no reader ever sees a partial blob), and it
 * survives a crash of the writer once {@code put} has returned.
 */
public interface BlobStore {

    /** Stores a file's bytes and returns their key. */
    String put(Path file) throws IOException;

    /** Stores bytes and returns their key. */
    String put(byte[] bytes) throws IOException;

    boolean exists(String key);

    /** Opens a blob for reading; throws {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(String key) throws IOException;

    byte[] read(String key) throws IOException;

    /** The blob as a local file when the store keeps one (lets servers use zero-copy sends), else empty. */
    Optional<Path> localFile(String key);
}
