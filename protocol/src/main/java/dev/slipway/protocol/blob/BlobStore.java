package dev.slipway.protocol.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed, write-once storage for artifacts, manifests and caches. A blob's key is the lower-case hex
 * sha256 of its bytes; a stored blob is never modified, so readers may cache it forever.
 *
 * <p>Implementations are thread-safe. {@code put} is idempotent: storing bytes that are already present returns the
 * same key and only refreshes the blob's {@link #lastTouched touch time} (blob GC spares recently touched blobs, so a
 * writer about to reference a blob it found already stored keeps it). A blob becomes visible only once complete (no
 * reader ever sees a partial blob), and it survives a crash of the writer once {@code put} has returned.
 *
 * <p>Two implementations: {@link FileSystemBlobStore} and {@link S3BlobStore}; {@link BlobStores#fromSetting} picks one
 * from {@code SLIPWAY_BLOB_STORE}.
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

    /** When the blob was stored or last {@code put} again (at least to the second); empty when absent. */
    Optional<Instant> lastTouched(String key) throws IOException;

    /** Deletes the blob; false when it was absent. Only blob GC deletes, after checking nothing references it. */
    boolean delete(String key) throws IOException;

    /**
     * Up to {@code limit} keys in ascending order, starting after {@code after} (null: from the first), for walking the
     * whole store page by page without holding it in memory.
     */
    Page list(String after, int limit) throws IOException;

    /** One page of {@link #list}: {@code next} is the {@code after} of the following page, null after the last. */
    record Page(List<String> keys, String next) {

        public Page {
            keys = List.copyOf(keys);
        }
    }
}
