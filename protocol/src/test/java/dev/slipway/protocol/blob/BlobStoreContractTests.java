package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} promises (its Javadoc), run against each implementation by a subclass. */
abstract class BlobStoreContractTests {

    @TempDir
    Path temp;

    BlobStore blobs;

    /** A store no other test uses. */
    abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        blobs = newStore();
    }

    @Test
    void aSmallBlobIsStoredUnderItsSha256AndReadsBack() throws Exception {
        byte[] bytes = "hello, slipway".getBytes();
        String key = blobs.put(bytes);

        assertThat(key).isEqualTo(sha256(bytes));
        assertThat(blobs.exists(key)).isTrue();
        assertThat(blobs.read(key)).isEqualTo(bytes);
        try (InputStream in = blobs.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        Path file = Files.write(temp.resolve("small.txt"), "from a file".getBytes());
        assertThat(blobs.read(blobs.put(file))).isEqualTo("from a file".getBytes());
    }

    @Test
    void aLargeFileAboveThePartSizeIsStoredWholeAndStreamsBack() throws Exception {
        Path file = randomFile(12 * 1024 * 1024 + 17);
        String key = blobs.put(file);

        assertThat(key).isEqualTo(sha256(Files.readAllBytes(file)));
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(blobs.open(key), read)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(Files.size(file));
        }
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(key);
    }

    @Test
    void storingTheSameBytesAgainIsANoOpReturningTheSameKey() throws Exception {
        String key = blobs.put("twice".getBytes());
        assertThat(blobs.put("twice".getBytes())).isEqualTo(key);
        assertThat(blobs.put(Files.write(temp.resolve("twice"), "twice".getBytes()))).isEqualTo(key);

        assertThat(blobs.list(null, 100).keys()).containsExactly(key);
        assertThat(blobs.read(key)).isEqualTo("twice".getBytes());
    }

    @Test
    void anAbsentBlobIsNoSuchFile() throws Exception {
        String absent = sha256("never stored".getBytes());

        assertThat(blobs.exists(absent)).isFalse();
        assertThatThrownBy(() -> blobs.open(absent)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> blobs.read(absent)).isInstanceOf(NoSuchFileException.class);
        assertThat(blobs.lastTouched(absent)).isEmpty();
        assertThat(blobs.delete(absent)).isFalse();
        assertThat(blobs.localFile(absent)).isEmpty();
        assertThatThrownBy(() -> blobs.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Blob GC spares blobs touched within its grace; a writer re-storing a blob it is about to reference touches it. */
    @Test
    void storingPresentBytesAgainRefreshesTheTouchTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String key = blobs.put("touch me".getBytes());
        Instant stored = blobs.lastTouched(key).orElseThrow();
        assertThat(stored).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));

        Thread.sleep(Duration.ofMillis(1100)); // S3 keeps LastModified to the second
        blobs.put("touch me".getBytes());
        assertThat(blobs.lastTouched(key).orElseThrow()).isAfter(stored);
        assertThat(blobs.read(key)).isEqualTo("touch me".getBytes());
    }

    @Test
    void putAllStoresEachDifferentBlobOnceAndCountsOnlyWhatWasNotStoredYet() throws Exception {
        Path a = Files.write(temp.resolve("a"), "alpha".getBytes());
        Path sameAsA = Files.write(temp.resolve("a-again"), "alpha".getBytes());
        Path b = Files.write(temp.resolve("b"), "bravo!".getBytes());
        blobs.put("bravo!".getBytes());

        BlobStore.Transfer first = blobs.putAll(List.of(a, sameAsA, b));
        assertThat(first.keys()).containsExactly(java.util.Map.entry(a, sha256("alpha".getBytes())),
                java.util.Map.entry(sameAsA, sha256("alpha".getBytes())), java.util.Map.entry(b, sha256("bravo!".getBytes())));
        assertThat(first.uploaded()).isEqualTo(1);
        assertThat(first.uploadedBytes()).isEqualTo(5);
        assertThat(first.describe()).isEqualTo("uploaded 1 of 3 files (5 bytes); 1 already stored; 1 with the same bytes "
                + "as another");
        assertThat(blobs.read(sha256("alpha".getBytes()))).isEqualTo("alpha".getBytes());

        BlobStore.Transfer again = blobs.putAll(List.of(a, b));
        assertThat(again.uploaded()).isZero();
        assertThat(again.describe()).isEqualTo("uploaded 0 of 2 files (0 bytes); 2 already stored");
    }

    @Test
    void touchRefreshesAStoredBlobAndIsFalseForAnAbsentOne() throws Exception {
        String key = blobs.put("touch without bytes".getBytes());
        Instant stored = blobs.lastTouched(key).orElseThrow();
        Thread.sleep(Duration.ofMillis(1100)); // S3 keeps LastModified to the second

        assertThat(blobs.touch(key)).isTrue();
        assertThat(blobs.lastTouched(key).orElseThrow()).isAfter(stored);
        assertThat(blobs.read(key)).isEqualTo("touch without bytes".getBytes());
        String absent = sha256("never stored".getBytes());
        assertThat(blobs.touch(absent)).isFalse();
        assertThat(blobs.exists(absent)).isFalse();
    }

    @Test
    void aDeletedBlobIsGoneAndCanBeStoredAgain() throws Exception {
        String key = blobs.put("freed".getBytes());
        String kept = blobs.put("kept".getBytes());

        assertThat(blobs.delete(key)).isTrue();
        assertThat(blobs.exists(key)).isFalse();
        assertThat(blobs.exists(kept)).isTrue();
        assertThatThrownBy(() -> blobs.read(key)).isInstanceOf(NoSuchFileException.class);
        assertThat(blobs.put("freed".getBytes())).isEqualTo(key);
        assertThat(blobs.read(key)).isEqualTo("freed".getBytes());
    }

    @Test
    void listingWalksEveryKeyInOrderPageByPage() throws Exception {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            stored.add(blobs.put(("blob " + i).getBytes()));
        }
        List<String> listed = new ArrayList<>();
        int pages = 0;
        String after = null;
        do {
            BlobStore.Page page = blobs.list(after, 5);
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(5);
            listed.addAll(page.keys());
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(listed).isEqualTo(stored.stream().sorted().toList());
        assertThat(pages).isBetween(5, 6);
        assertThat(blobs.list(null, 1000).keys()).isEqualTo(listed);
        assertThat(blobs.list(listed.get(20), 1000).keys()).isEqualTo(listed.subList(21, 23));
    }

    @Test
    void concurrentWritersOfTheSameBytesAllGetTheBlob() throws Exception {
        byte[] bytes = new byte[1024 * 1024];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(temp.resolve("same"), bytes);
        List<Callable<String>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(i % 2 == 0 ? () -> blobs.put(bytes) : () -> blobs.put(file));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> key : pool.invokeAll(writers)) {
                assertThat(key.get()).isEqualTo(sha256(bytes));
            }
        }
        assertThat(blobs.read(sha256(bytes))).isEqualTo(bytes);
        assertThat(blobs.list(null, 100).keys()).containsExactly(sha256(bytes));
    }

    Path randomFile(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve("random-" + size), bytes);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
