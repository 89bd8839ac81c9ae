package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTests {

    @TempDir
    Path root;

    @Test
    void storingPresentBytesAgainRefreshesTheBlobsTimeSoGarbageCollectionSparesIt() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(root);
        String key = blobs.put("shared".getBytes());
        Path file = blobs.localFile(key).orElseThrow();
        Instant longAgo = Instant.now().minus(30, ChronoUnit.DAYS);
        Files.setLastModifiedTime(file, FileTime.from(longAgo));

        assertThat(blobs.put("shared".getBytes())).isEqualTo(key);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isAfter(longAgo.plus(29, ChronoUnit.DAYS));
        assertThat(blobs.read(key)).isEqualTo("shared".getBytes());
    }

    @Test
    void aCollectedBlobIsStoredAgain() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(root);
        String key = blobs.put("freed".getBytes());
        Files.delete(blobs.localFile(key).orElseThrow());
        assertThat(blobs.exists(key)).isFalse();
        blobs.put("freed".getBytes());
        assertThat(blobs.read(key)).isEqualTo("freed".getBytes());
    }
}
