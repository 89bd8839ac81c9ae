package dev.slipway.edge.blobcache;

import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads into the disk cache: one download per blob however many callers miss it at once, each verified against
 * its key (sha256) before {@link Installer} moves it into place. Downloads run on a few threads of their own, so a
 * caller can give up: it waits while bytes keep arriving and gets an {@link IOException} after {@code timeout}
 * without any, which turns a store that accepts connections but never answers into an error page instead of a hung
 * request. An outage of the store is logged once when it starts and once when it ends. Thread-safe.
 */
final class UpstreamFetches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFetches.class);
    /** Downloads at once; requests that miss and the prefetcher share them (it uses at most half). */
    static final int THREADS = 8;

    /** Puts a verified download in the cache and returns its file there. */
    interface Installer {
        Path install(String key, Path download, long size) throws IOException;
    }

    private final BlobStore upstream;
    private final CacheDirectory directory;
    private final Duration timeout;
    private final Function<String, Optional<Path>> cached;
    private final Installer installer;
    private final Map<String, Download> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS,
            Thread.ofPlatform().name("slipway-blob-fetch-", 0).daemon().factory());
    private final AtomicBoolean failing = new AtomicBoolean();

    private record Download(CompletableFuture<Path> file, AtomicLong bytes) {
    }

    UpstreamFetches(BlobStore upstream, CacheDirectory directory, Duration timeout,
            Function<String, Optional<Path>> cached, Installer installer) {
        this.upstream = upstream;
        this.directory = directory;
        this.timeout = timeout;
        this.cached = cached;
        this.installer = installer;
    }

    /** The blob's cached file, downloaded unless another caller's download put it there. */
    Path fetch(String key) throws IOException {
        Download download = inFlight.computeIfAbsent(key, this::start);
        long seen = 0;
        while (true) {
            try {
                return download.file().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = download.bytes().get();
                if (now == seen) {
                    IOException stalled = new IOException("blob store " + upstream + " sent nothing for " + timeout
                            + " while fetching blob " + key);
                    outage(stalled);
                    throw stalled;
                }
                seen = now;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching blob " + key);
            }
        }
    }

    private Download start(String key) {
        Download download = new Download(new CompletableFuture<>(), new AtomicLong());
        threads.execute(() -> {
            try {
                // a download that finished just before this one was asked for: its file is there
                Optional<Path> there = cached.apply(key);
                download.file().complete(there.isPresent() ? there.get() : download(key, download.bytes()));
            } catch (Throwable e) {
                download.file().completeExceptionally(e);
            } finally {
                inFlight.remove(key, download);
            }
        });
        return download;
    }

    private Path download(String key, AtomicLong progress) throws IOException {
        Path temp = directory.newTempFile(key);
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (InputStream in = upstream.open(key);
                 FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    size += n;
                    progress.addAndGet(n);
                }
                out.force(true);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(key)) {
                throw new IOException("blob store " + upstream + " answered " + size + " bytes whose sha256 is "
                        + actual + " for blob " + key);
            }
            Files.setLastModifiedTime(temp, CacheDirectory.STORE_TIME_UNKNOWN);
            Path file = installer.install(key, temp, size);
            recovered();
            return file;
        } catch (NoSuchFileException absent) {
            recovered(); // the store answered: it just has no such blob
            throw absent;
        } catch (IOException | RuntimeException e) {
            outage(e);
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A short call to the upstream store, given up after {@code timeout}. */
    <T> T bounded(String what, String key, Callable<T> call) throws IOException {
        Future<T> answer = threads.submit(call);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            IOException late = new IOException("blob store " + upstream + " did not " + what + " blob " + key
                    + " within " + timeout);
            outage(late);
            throw late;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io
                    : cause instanceof UncheckedIOException unchecked ? unchecked.getCause() : new IOException(cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking the blob store about blob " + key);
        }
    }

    private void outage(Exception e) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Blob store {} unavailable ({}); serving what the disk cache holds", upstream, e.getMessage());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Blob store {} answers again", upstream);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
