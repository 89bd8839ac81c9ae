package dev.slipway.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.blob.S3BlobStore;
import dev.slipway.protocol.blob.S3MockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blob GC's grace rule on an S3 store (S3Mock in its own JVM), where no blob is a local file. That {@code put} of
 * stored bytes refreshes the touch time on S3 is BlobStoreContractTests' part.
 */
class IdleBlobsS3IntegrationTests {

    private static S3MockServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3MockServer.start("gc");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBlobIsDeletedOnlyOnceIdleForTheGrace() throws Exception {
        S3BlobStore blobs = new S3BlobStore(server.client(), "gc", "blobs");
        String key = blobs.put("nothing references me".getBytes());
        String other = blobs.put("someone else's".getBytes());

        assertThat(new IdleBlobs(blobs, Duration.ofHours(3)).deleteIfIdle(key)).as("stored within the grace").isFalse();
        assertThat(blobs.exists(key)).isTrue();

        IdleBlobs noGrace = new IdleBlobs(blobs, Duration.ZERO);
        assertThat(noGrace.deleteIfIdle(key)).isTrue();
        assertThat(blobs.exists(key)).isFalse();
        assertThat(blobs.exists(other)).isTrue();
        assertThat(noGrace.deleteIfIdle(key)).as("already gone").isFalse();
    }
}
