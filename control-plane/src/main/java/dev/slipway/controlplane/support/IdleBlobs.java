package dev.slipway.controlplane.support;

import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs nothing references any more, but only once they have been idle for {@code slipway.blob-gc.grace}
 * ({@code SLIPWAY_BLOB_GC_GRACE}): {@code put} of bytes already stored refreshes the file's time, so a writer that is
 * about to reference a blob it found already stored keeps it, and so does anything that stored it within the grace.
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

    /** Whether the blob was deleted now; false when it is absent, kept locally by no file, or touched too recently. */
    public boolean deleteIfIdle(String key) throws IOException {
        Optional<Path> file = blobs.localFile(key);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return false;
        }
        if (Files.getLastModifiedTime(file.get()).toInstant().isAfter(Instant.now().minus(grace))) {
            return false;
        }
        return Files.deleteIfExists(file.get());
    }
}
