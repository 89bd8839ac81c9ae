package dev.slipway.edge.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.slipway.edge.blobcache.DiskCachedBlobStore;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Blob files kept open for zero-copy sends, so a hit costs one {@code sendfile} and no {@code open}/{@code close}.
 * Blobs are immutable and named by their hash, so an open file never goes stale (an unlinked one still reads).
 *
 * <p>At most {@code maxOpen} files stay open. Each is reference-counted: the cache holds one reference and every
 * region in flight another, so evicting a file closes it only once the last send that uses it has finished.
 * Thread-safe.
 */
final class OpenBlobFiles {

    private final BlobStore blobs;
    private final Cache<String, SharedFile> open;

    OpenBlobFiles(BlobStore blobs, long maxOpen) {
        this.blobs = blobs;
        this.open = Caffeine.newBuilder()
                .maximumSize(maxOpen)
                .executor(Runnable::run)
                .removalListener((String hash, SharedFile file, RemovalCause cause) -> {
                    if (file != null) {
                        file.release();
                    }
                })
                .build();
    }

    /**
     * The whole blob as a region to write once; null when the blob store keeps no local file or it cannot be opened
     * (then the caller takes the route that reports a missing blob).
     */
    FileRegion region(String hash, long size) {
        while (true) {
            SharedFile file;
            try {
                file = open.get(hash, this::open);
            } catch (UncheckedIOException unreadable) {
                return null;
            }
            if (file == null) {
                return null;
            }
            try {
                file.retain();
                return new SharedFileRegion(file, size);
            } catch (IllegalReferenceCountException evictedMeanwhile) {
                open.asMap().remove(hash, file);
            }
        }
    }

    /** Null (nothing cached) when the blob has no local file now; never fetches (this runs on the event loop). */
    private SharedFile open(String hash) {
        Optional<Path> local = DiskCachedBlobStore.presentFile(blobs, hash);
        if (local.isEmpty()) {
            return null;
        }
        try {
            return new SharedFile(FileChannel.open(local.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class SharedFile extends AbstractReferenceCounted {

        private final FileChannel channel;

        private SharedFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        protected void deallocate() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing was left unwritten
            }
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            return this;
        }
    }

    /** A region of a shared file: releasing it gives the file back instead of closing it. */
    private static final class SharedFileRegion extends DefaultFileRegion {

        private final SharedFile file;

        SharedFileRegion(SharedFile file, long size) {
            super(file.channel, 0, size);
            this.file = file;
        }

        @Override
        protected void deallocate() {
            file.release();
        }
    }
}
