package dev.slipway.edge.blobcache;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's blob store: a bounded disk cache in front of the store blobs come from (S3, or the control plane), so
 * every blob the edge serves is a local file (zero-copy sends at any size) and stays servable while the store is
 * down. Blobs are immutable and named by their hash, so a cached file never goes stale; each download is verified
 * against its key before it is renamed into place.
 *
 * <p>{@link #localFile}, {@link #open} and {@link #read} serve the cached file, fetching it on a miss (blocking: never
 * on an event loop; {@link #presentFile} is the non-blocking look). Concurrent misses of one blob share one download
 * ({@link UpstreamFetches}), and a caller waits only while bytes keep arriving: after {@code fetchTimeout} without
 * progress it gets an {@link IOException} while the download, if it ever ends, still fills the cache. Writes, deletes
 * and listings go to the upstream store (the edge makes none).
 *
 * <p>Evicted files are deleted at once. A file being sent is open, and on Linux an unlinked open file stays readable
 * until closed, so a send in flight is not disturbed; a file is used right after it is looked up or fetched, which
 * makes it the most recently used one, so a lookup losing its file before it is opened needs a bound smaller than the
 * files fetched at the same moment. Thread-safe.
 */
public final class DiskCachedBlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiskCachedBlobStore.class);

    private final BlobStore upstream;
    private final CacheDirectory directory;
    private final CacheIndex index;
    private final Clock clock;
    private final UpstreamFetches fetches;
    /** Moving a download into place and deleting an evicted file of the same blob take the blob's stripe. */
    private final Object[] stripes = new Object[64];

    /**
     * The edge's store over {@code upstream}: {@code upstream} itself when its blobs are local files already (the
     * file-system store of {@code ./slipway up}: a copy would only double the disk used), else a disk cache in
     * {@code dir}.
     */
    public static BlobStore over(BlobStore upstream, Path dir, long maxBytes, Duration fetchTimeout)
            throws IOException {
        return upstream instanceof FileSystemBlobStore ? upstream
                : new DiskCachedBlobStore(upstream, dir, maxBytes, fetchTimeout, Clock.systemUTC());
    }

    DiskCachedBlobStore(BlobStore upstream, Path dir, long maxBytes, Duration fetchTimeout, Clock clock)
            throws IOException {
        this.upstream = upstream;
        this.directory = new CacheDirectory(dir);
        this.index = new CacheIndex(maxBytes);
        this.clock = clock;
        java.util.Arrays.setAll(stripes, i -> new Object());
        for (CacheDirectory.Entry entry : directory.scan()) {
            deleteEvicted(index.add(entry.key(), entry.size()));
        }
        this.fetches = new UpstreamFetches(upstream, directory, fetchTimeout, this::cachedFile, this::install);
        log.info("Blob cache {} over {}: {} blob(s), {} MB of {} MB", directory.root(), upstream, index.count(),
                index.totalBytes() >> 20, maxBytes >> 20);
    }

    /**
     * {@code blobs}' local file for {@code key} if it is on disk now, without fetching anything (safe on an event
     * loop): a disk cache's copy, or any other store's {@link BlobStore#localFile} (the file-system store's is a look
     * at its directory; remote stores have none).
     */
    public static Optional<Path> presentFile(BlobStore blobs, String key) {
        return blobs instanceof DiskCachedBlobStore cached ? cached.cachedFile(key) : blobs.localFile(key);
    }

    /**
     * {@code blobs}' local file for {@code key}, fetched into the disk cache when it is not there; blocking. Throws
     * {@link NoSuchFileException} when the store has no such blob, another {@link IOException} when the store cannot
     * be reached in time.
     */
    public static Path fileOf(BlobStore blobs, String key) throws IOException {
        if (blobs instanceof DiskCachedBlobStore cached) {
            return cached.fetch(key);
        }
        return blobs.localFile(key).orElseThrow(() -> new NoSuchFileException("blob " + key));
    }

    /** The cached file, counted as a use; empty when it is not cached. Never fetches. */
    public Optional<Path> cachedFile(String key) {
        if (!CacheDirectory.isKey(key) || !index.touch(key)) {
            return Optional.empty();
        }
        Path file = directory.pathOf(key);
        directory.recordAccess(file, clock.instant());
        return Optional.of(file);
    }

    /** The cached file, fetched from the upstream store on a miss. */
    public Path fetch(String key) throws IOException {
        requireKey(key);
        Optional<Path> cached = cachedFile(key);
        return cached.isPresent() ? cached.get() : fetches.fetch(key);
    }

    boolean isCached(String key) {
        return index.contains(key);
    }

    long maxBytes() {
        return index.maxBytes();
    }

    long cachedBytes() {
        return index.totalBytes();
    }

    /** See {@link CacheIndex#live}. */
    void live(Set<String> keys) {
        index.live(keys);
    }

    /** Moves a verified download into place, indexes it, then makes room. */
    private Path install(String key, Path download, long size) throws IOException {
        Path file;
        List<String> evicted;
        synchronized (stripe(key)) {
            file = directory.moveIntoPlace(download, key);
            evicted = index.add(key, size);
        }
        directory.recordAccess(file, clock.instant());
        deleteEvicted(evicted);
        return file;
    }

    private void deleteEvicted(List<String> keys) {
        for (String key : keys) {
            // a download of the same blob that finished meanwhile is indexed again, and keeps its file
            synchronized (stripe(key)) {
                if (!index.contains(key)) {
                    directory.delete(key);
                }
            }
        }
    }

    private Object stripe(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }

    @Override
    public String put(Path file) throws IOException {
        return upstream.put(file);
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        return upstream.put(bytes);
    }

    @Override
    public boolean exists(String key) {
        if (!CacheDirectory.isKey(key) || index.contains(key)) {
            return CacheDirectory.isKey(key);
        }
        try {
            return fetches.bounded("look up", key, () -> upstream.exists(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(fetch(key));
    }

    @Override
    public byte[] read(String key) throws IOException {
        return Files.readAllBytes(fetch(key));
    }

    /** Empty when the blob is absent or the store cannot be reached in time. */
    @Override
    public Optional<Path> localFile(String key) {
        try {
            return Optional.of(fetch(key));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The upstream store's time, asked once per cached blob and kept as the file's modification time, so a manifest's
     * Last-Modified is the same on every edge and after a restart without the store.
     */
    @Override
    public Optional<Instant> lastTouched(String key) throws IOException {
        requireKey(key);
        Path file = directory.pathOf(key);
        if (index.contains(key)) {
            try {
                FileTime known = Files.getLastModifiedTime(file);
                if (!known.equals(CacheDirectory.STORE_TIME_UNKNOWN)) {
                    return Optional.of(known.toInstant());
                }
            } catch (NoSuchFileException evicted) {
                // ask the store
            }
        }
        Optional<Instant> stored = fetches.bounded("look up", key, () -> upstream.lastTouched(key));
        if (stored.isPresent() && index.contains(key)) {
            try {
                Files.setLastModifiedTime(file, FileTime.from(stored.get()));
            } catch (NoSuchFileException evicted) {
                // asked again if it is fetched again
            }
        }
        return stored;
    }

    @Override
    public boolean delete(String key) throws IOException {
        requireKey(key);
        synchronized (stripe(key)) {
            index.remove(key);
            directory.delete(key);
        }
        return upstream.delete(key);
    }

    @Override
    public Page list(String after, int limit) throws IOException {
        return upstream.list(after, limit);
    }

    private static void requireKey(String key) {
        if (!CacheDirectory.isKey(key)) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
    }

    @Override
    public void close() throws Exception {
        fetches.close();
        if (upstream instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "disk cache " + directory.root() + " over " + upstream;
    }
}
