package dev.slipway.protocol.blob;

import dev.slipway.protocol.text.ByteSizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>Implementations: {@link FileSystemBlobStore} and {@link S3BlobStore}, which {@link BlobStores#fromSetting} picks
 * from {@code SLIPWAY_BLOB_STORE}, and {@link ControlPlaneBlobStore}, the control plane's {@link BlobTransfer} API for
 * processes that reach blobs only over HTTP (it neither lists, deletes nor touches: blob GC runs on the control plane).
 */
public interface BlobStore {

    /** Stores a file's bytes and returns their key. */
    String put(Path file) throws IOException;

    /** Stores bytes and returns their key. */
    String put(byte[] bytes) throws IOException;

    /**
     * Stores many files with as few round trips as the store allows (one question about all of them, then only the
     * missing bytes travel) and says how much travelled. Files with the same bytes are stored once.
     */
    default Transfer putAll(Collection<Path> files) throws IOException {
        Map<Path, String> keys = new LinkedHashMap<>();
        java.util.Set<String> seen = new HashSet<>();
        int uploaded = 0;
        long bytes = 0;
        for (Path file : new LinkedHashSet<>(files)) {
            String key = BlobKeys.sha256Hex(file);
            keys.put(file, key);
            if (seen.add(key) && !touch(key)) {
                put(file);
                uploaded++;
                bytes += Files.size(file);
            }
        }
        return new Transfer(keys, uploaded, bytes);
    }

    /**
     * Refreshes a stored blob's {@link #lastTouched touch time} without its bytes, as {@code put} of the same bytes
     * would; false when absent. Only stores that blob GC runs on support it.
     */
    default boolean touch(String key) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot refresh a blob's touch time");
    }

    boolean exists(String key);

    /** Opens a blob for reading; throws {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(String key) throws IOException;

    default byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** The blob as a local file when the store keeps one (lets servers use zero-copy sends), else empty. */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }

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

    /**
     * What {@link #putAll} stored.
     *
     * @param keys          each file's key, in the order given
     * @param uploaded      blobs whose bytes travelled (the others were stored already, and were touched)
     * @param uploadedBytes their size
     */
    record Transfer(Map<Path, String> keys, int uploaded, long uploadedBytes) {

        public Transfer {
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        /** Different blobs among the files. */
        public int blobs() {
            return new HashSet<>(keys.values()).size();
        }

        /** For a build log: {@code uploaded 1 of 10,000 files (12 KB); 9,999 already stored}. */
        public String describe() {
            int files = keys.size();
            int blobs = blobs();
            String line = String.format(Locale.ROOT, "uploaded %,d of %,d files (%s); %,d already stored", uploaded,
                    files, size(uploadedBytes), blobs - uploaded);
            return files == blobs ? line
                    : line + String.format(Locale.ROOT, "; %,d with the same bytes as another", files - blobs);
        }

        static String size(long bytes) {
            return ByteSizes.human(bytes, "bytes");
        }
    }
}
