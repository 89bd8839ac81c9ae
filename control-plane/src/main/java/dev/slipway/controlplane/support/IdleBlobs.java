package dev.slipway.controlplane.support;

import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs nothing references any more, but only once they have been idle for {@code slipway.blob-gc.grace}
 * ({@code SLIPWAY_BLOB_GC_GRACE}): {@code put} of bytes already stored refreshes the blob's touch time (a file's mtime,
 * an S3 object's LastModified), so a writer that is about to reference a blob it found already stored keeps it, and
 * so does anything that stored it within the grace.
 */
@Component
public class IdleBlobs {

    private final BlobStore blobs;
    private final Duration grace;

    IdleBlobs(BlobStore blobs, @Value("${slipway.blob-gc.grace:3h}") Duration grace) {
        this.blobs = blobs;
        this.grace = grace;
    }

    public Duration grace() {
        return grace;
    }

    /** Whether the blob was deleted now; false when it is absent or touched too recently. */
    public boolean deleteIfIdle(String key) throws IOException {
        Optional<Instant> touched = blobs.lastTouched(key);
        if (touched.isEmpty() || touched.get().isAfter(Instant.now().minus(grace))) {
            return false;
        }
        return blobs.delete(key);
    }
}
