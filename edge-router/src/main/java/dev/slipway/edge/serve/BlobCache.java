package dev.slipway.edge.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/**
 * Small files' bytes in direct memory, keyed by blob hash (so identical files across deployments share one copy),
 * bounded by total size, plus gzip-compressed copies of the text files clients asked for compressed. Blobs are immutable, so entries never go stale.
 *
 * <p>Each value is a read-only, unreleasable buffer: responses write {@code duplicate()}s, and Netty's release after
 * the write is a no-op. The memory is a JDK {@link ByteBuffer#allocateDirect} buffer, freed by the GC once the cache
 * has evicted it and no in-flight response still holds a duplicate; freeing it explicitly on eviction could pull the
 * bytes out from under a response that is still being written.
 *
 * <p>Thread-safe. {@link #getIfPresent} never blocks; {@link #load} reads the blob store and must not run on an event
 * loop.
 */
public final class BlobCache {

    /** Key prefix of compressed copies; hashes are hex, so it cannot collide with a blob key. */
    private static final String GZIP = "gzip:";

    private final BlobStore blobs;
    private final Cache<String, ByteBuf> cache;

    public BlobCache(BlobStore blobs, long maxBytes) {
        this.blobs = blobs;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String hash, ByteBuf bytes) -> Math.max(1, bytes.capacity()))
                .build();
    }

    public ByteBuf getIfPresent(String hash) {
        return cache.getIfPresent(hash);
    }

    /** The cached buffer, reading the blob on a miss; {@link UncheckedIOException} when the blob is unreadable. */
    public ByteBuf load(String hash) {
        return cache.get(hash, this::read);
    }

    /** The gzip-compressed bytes of a cached text file, or null when they were not made yet. */
    public ByteBuf gzipIfPresent(String hash) {
        return cache.getIfPresent(GZIP + hash);
    }

    /** Compresses once per blob and keeps the result beside the original; blocking, like {@link #load}. */
    public ByteBuf loadGzip(String hash) {
        return cache.get(GZIP + hash, key -> {
            ByteBuf identity = load(hash).duplicate();
            ByteArrayOutputStream out = new ByteArrayOutputStream(identity.readableBytes() / 3 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                identity.readBytes(gzip, identity.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return direct(out.toByteArray());
        });
    }

    public long weightedSize() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    private ByteBuf read(String hash) {
        try {
            return direct(blobs.read(hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuf direct(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
    }
}
