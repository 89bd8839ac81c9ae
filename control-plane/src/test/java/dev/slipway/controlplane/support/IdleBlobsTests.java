package dev.slipway.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grace rule through the store-neutral touch time (the contract suite checks it on S3 as well). */
class IdleBlobsTests {

    @TempDir
    Path temp;

    @Test
    void onlyBlobsUntouchedForTheGraceAreDeleted() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp);
        IdleBlobs idle = new IdleBlobs(blobs, Duration.ofHours(3));
        String old = blobs.put("idle for a day".getBytes());
        String recent = blobs.put("stored an hour ago".getBytes());
        age(blobs, old, Duration.ofDays(1));
        age(blobs, recent, Duration.ofHours(1));

        assertThat(idle.deleteIfIdle(recent)).isFalse();
        assertThat(idle.deleteIfIdle(old)).isTrue();
        assertThat(blobs.exists(old)).isFalse();
        assertThat(blobs.exists(recent)).isTrue();
        assertThat(idle.deleteIfIdle(old)).as("already gone").isFalse();
    }

    @Test
    void storingAnIdleBlobAgainSparesIt() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp);
        IdleBlobs idle = new IdleBlobs(blobs, Duration.ofHours(3));
        String key = blobs.put("reused by a running build".getBytes());
        age(blobs, key, Duration.ofDays(30));

        blobs.put("reused by a running build".getBytes());

        assertThat(idle.deleteIfIdle(key)).isFalse();
        assertThat(blobs.exists(key)).isTrue();
    }

    private static void age(FileSystemBlobStore blobs, String key, Duration age) throws Exception {
        Files.setLastModifiedTime(blobs.localFile(key).orElseThrow(), FileTime.from(Instant.now().minus(age)));
    }
}
