package dev.slipway.edge.blobcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk cache over a real file-system store that plays the remote one (it is used only through the interface). */
class DiskCachedBlobStoreTests {

    @TempDir
    Path dir;

    private Upstream upstream;
    /** Three blobs of 40 bytes in the store. */
    private String a;
    private String b;
    private String c;
    private final List<DiskCachedBlobStore> opened = new ArrayList<>();
    private final TickingClock clock = new TickingClock();

    @BeforeEach
    void store() throws IOException {
        upstream = new Upstream(new FileSystemBlobStore(dir.resolve("store")));
        a = blob('a');
        b = blob('b');
        c = blob('c');
    }

    @AfterEach
    void close() throws Exception {
        for (DiskCachedBlobStore cache : opened) {
            cache.close();
        }
    }

    private DiskCachedBlobStore cache(long maxBytes) throws IOException {
        DiskCachedBlobStore cache = new DiskCachedBlobStore(upstream, dir.resolve("cache"), maxBytes,
                Duration.ofSeconds(30), clock);
        opened.add(cache);
        return cache;
    }

    private String blob(char fill) throws IOException {
        return upstream.put(String.valueOf(fill).repeat(40).getBytes());
    }

    @Test
    void aMissFetchesTheBlobIntoALocalFileOnceAndThenServesItFromDisk() throws Exception {
        DiskCachedBlobStore cache = cache(1000);
        String key = a;

        Path file = cache.localFile(key).orElseThrow();

        assertThat(file).startsWith(dir.resolve("cache"));
        assertThat(Files.readString(file)).isEqualTo("a".repeat(40));
        assertThat(new String(cache.read(key))).isEqualTo("a".repeat(40));
        try (InputStream in = cache.open(key)) {
            assertThat(in.readAllBytes()).hasSize(40);
        }
        assertThat(upstream.opens.get()).isEqualTo(1);
    }

    @Test
    void theTotalStaysWithinTheBound() throws Exception {
        DiskCachedBlobStore cache = cache(100);
        for (char fill = 'a'; fill <= 'f'; fill++) {
            cache.fetch(blob(fill));
            assertThat(cache.cachedBytes()).isLessThanOrEqualTo(100);
        }
        assertThat(bytesOnDisk()).isEqualTo(cache.cachedBytes()).isLessThanOrEqualTo(100);
    }

    @Test
    void theLeastRecentlyUsedBlobGoesFirst() throws Exception {
        DiskCachedBlobStore cache = cache(130);
        fetch(cache, a, b, c, a); // a used again: b is now the oldest

        cache.fetch(blob('d'));

        assertThat(cache.isCached(b)).isFalse();
        assertThat(Files.exists(dir.resolve("cache").resolve(b.substring(0, 2)).resolve(b.substring(2)))).isFalse();
        assertThat(List.of(a, c)).allMatch(cache::isCached);
    }

    @Test
    void blobsOfServedDeploymentsGoOnlyAfterAllOthers() throws Exception {
        DiskCachedBlobStore cache = cache(130);
        fetch(cache, a, b, c);
        cache.live(Set.of(a)); // a is served, b and c are not

        cache.fetch(blob('d'));

        assertThat(cache.isCached(a)).isTrue();
        assertThat(cache.isCached(b)).isFalse();
    }

    @Test
    void aRestartRebuildsSizesAndAccessOrderFromTheDirectory() throws Exception {
        DiskCachedBlobStore before = cache(130);
        fetch(before, a, b, c, a);
        before.close();

        DiskCachedBlobStore after = cache(130);
        assertThat(after.cachedBytes()).isEqualTo(120);
        assertThat(List.of(a, b, c)).allMatch(after::isCached);
        after.fetch(blob('d'));

        assertThat(after.isCached(b)).as("the oldest access before the restart").isFalse();
        assertThat(List.of(a, c)).allMatch(after::isCached);
        assertThat(upstream.opens.get()).as("nothing fetched again but d").isEqualTo(4);
    }

    @Test
    void aSmallerBoundAfterARestartEvictsTheOldest() throws Exception {
        DiskCachedBlobStore before = cache(1000);
        before.fetch(a);
        before.fetch(b);
        before.close();

        DiskCachedBlobStore after = cache(50);

        assertThat(after.isCached(a)).isFalse();
        assertThat(after.isCached(b)).isTrue();
        assertThat(bytesOnDisk()).isEqualTo(40);
    }

    @Test
    void concurrentMissesOfOneBlobFetchItOnce() throws Exception {
        DiskCachedBlobStore cache = cache(1000);
        String key = a;
        upstream.gate = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            callers.add(Thread.ofPlatform().start(() -> cache.localFile(key)));
        }
        // every caller is waiting: one on the store, the others on that download
        while (callers.stream().anyMatch(t -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW)) {
            Thread.onSpinWait();
        }
        upstream.gate.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(upstream.opens.get()).isEqualTo(1);
        assertThat(cache.isCached(key)).isTrue();
    }

    @Test
    void bytesThatDoNotMatchTheirKeyAreNeverCached() throws Exception {
        DiskCachedBlobStore cache = cache(1000);
        String key = a;
        upstream.tampered = true;

        assertThatThrownBy(() -> cache.fetch(key)).isInstanceOf(IOException.class).hasMessageContaining("sha256");
        assertThat(cache.isCached(key)).isFalse();
        assertThat(cache.localFile(key)).isEmpty();
        assertThat(bytesOnDisk()).isZero();
    }

    @Test
    void aBlobTheStoreDoesNotHaveIsNoSuchFile() throws Exception {
        DiskCachedBlobStore cache = cache(1000);
        String absent = "0".repeat(64);

        assertThatThrownBy(() -> cache.fetch(absent)).isInstanceOf(NoSuchFileException.class);
        assertThat(cache.exists(absent)).isFalse();
    }

    @Test
    void aStoreThatNeverAnswersFailsTheCallerInsteadOfHangingIt() throws Exception {
        DiskCachedBlobStore cache = new DiskCachedBlobStore(upstream, dir.resolve("cache"), 1000,
                Duration.ofMillis(200), clock);
        opened.add(cache);
        String key = a;
        upstream.gate = new CountDownLatch(1); // never opened

        assertThatThrownBy(() -> cache.fetch(key)).isInstanceOf(IOException.class).hasMessageContaining("sent nothing");
        upstream.gate.countDown();
    }

    @Test
    void theStoresTimeIsKeptWithTheCopySoItOutlivesTheStore() throws Exception {
        DiskCachedBlobStore cache = cache(1000);
        String key = a;
        cache.fetch(key);
        Instant stored = upstream.lastTouched(key).orElseThrow();

        assertThat(cache.lastTouched(key)).contains(stored);
        upstream.down = true;
        cache.close();
        assertThat(cache(1000).lastTouched(key)).contains(stored);
    }

    @Test
    void aFileSystemStoreIsServedAsItIs() throws Exception {
        BlobStore local = new FileSystemBlobStore(dir.resolve("local"));
        assertThat(DiskCachedBlobStore.over(local, dir.resolve("cache"), 1000, Duration.ofSeconds(1))).isSameAs(local);
    }

    private static void fetch(DiskCachedBlobStore cache, String... keys) throws IOException {
        for (String key : keys) {
            cache.fetch(key);
        }
    }

    private long bytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** One second later at each call, so access times differ and order the cache after a restart. */
    private static final class TickingClock extends Clock {

        private final AtomicInteger ticks = new AtomicInteger();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(ticks.incrementAndGet());
        }
    }

    /** The real store, counting downloads, and able to hold them, corrupt them, or be down. */
    private static final class Upstream implements BlobStore {

        private final BlobStore store;
        final AtomicInteger opens = new AtomicInteger();
        volatile CountDownLatch gate;
        volatile boolean tampered;
        volatile boolean down;

        Upstream(BlobStore store) {
            this.store = store;
        }

        @Override
        public InputStream open(String key) throws IOException {
            opens.incrementAndGet();
            available();
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            return tampered ? new ByteArrayInputStream("not the blob".getBytes()) : store.open(key);
        }

        private void available() throws IOException {
            if (down) {
                throw new IOException("store down");
            }
        }

        @Override
        public String put(Path file) throws IOException {
            return store.put(file);
        }

        @Override
        public String put(byte[] bytes) throws IOException {
            return store.put(bytes);
        }

        @Override
        public boolean exists(String key) {
            return store.exists(key);
        }

        @Override
        public byte[] read(String key) throws IOException {
            available();
            return store.read(key); // the cache downloads with open, never read
        }

        @Override
        public Optional<Path> localFile(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> lastTouched(String key) throws IOException {
            available();
            return store.lastTouched(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return store.delete(key);
        }

        @Override
        public Page list(String after, int limit) throws IOException {
            return store.list(after, limit);
        }
    }
}
