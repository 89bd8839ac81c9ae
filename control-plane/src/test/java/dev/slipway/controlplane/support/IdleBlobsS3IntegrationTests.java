package dev.slipway.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.blob.S3BlobStore;
import dev.slipway.protocol.blob.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Blob GC's grace rule on an S3 store (S3Mock in its own JVM), where no blob is a local file. That {@code put} of
 * stored bytes refreshes the touch time on S3 is BlobStoreContractTests' part.
 */
class IdleBlobsS3IntegrationTests {

    private static Path root;
    private static S3MockServer server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() throws Exception {
        root = Files.createTempDirectory("s3mock-root");
        server = S3MockServer.start(root, "gc");
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
        FileSystemUtils.deleteRecursively(root);
    }

    @Test
    void aBlobIsDeletedOnlyOnceIdleForTheGrace() throws Exception {
        S3BlobStore blobs = new S3BlobStore(s3, "gc", "blobs");
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
