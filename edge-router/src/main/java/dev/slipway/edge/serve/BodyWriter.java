package dev.slipway.edge.serve;

import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.blobcache.DiskCachedBlobStore;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Writes a file's bytes after the headers are set: a cached direct buffer for small files (read on
 * {@code boundedElastic} on a miss), zero-copy sendFile for large ones, a slice of either for a range, and the cached
 * gzip copy of a text file. Runs on the event loop otherwise.
 */
final class BodyWriter {

    private static final Logger log = LoggerFactory.getLogger(BodyWriter.class);

    private final BlobStore blobs;
    private final BlobCache cache;
    private final AtomicBoolean missingBlobLogged = new AtomicBoolean();

    BodyWriter(BlobStore blobs, BlobCache cache) {
        this.blobs = blobs;
        this.cache = cache;
    }

    /** @param range the bytes to send, or null for all of them */
    Publisher<Void> write(HttpServerResponse response, ServedFile file, HttpResponseStatus status,
            ByteRanges.Range range) {
        long start = range == null ? 0 : range.start();
        long length = range == null ? file.size() : range.length();
        if (file.inMemory()) {
            ByteBuf cached = cache.getIfPresent(file.hash());
            if (cached != null) {
                return response.status(status).sendObject(slice(cached, start, length));
            }
            return Mono.fromCallable(() -> cache.load(file.hash()))
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                    .flatMap(loaded -> Mono.from(response.status(status).sendObject(slice(loaded, start, length))))
                    .onErrorResume(e -> !response.hasSentHeaders(), e -> missingBlob(response, file, e));
        }
        Optional<Path> local = DiskCachedBlobStore.presentFile(blobs, file.hash());
        if (local.isPresent()) {
            return response.status(status).sendFile(local.get(), start, length);
        }
        // not on this machine yet: into the disk cache first, then zero-copy like any other
        return Mono.fromCallable(() -> DiskCachedBlobStore.fileOf(blobs, file.hash()))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(fetched -> Mono.from(response.status(status).sendFile(fetched, start, length)))
                .onErrorResume(e -> !response.hasSentHeaders(), e -> missingBlob(response, file, e));
    }

    /** The file gzip-compressed by the edge; the length is known only once the compressed copy exists. */
    Publisher<Void> writeGzip(HttpServerResponse response, ServedFile file, HttpResponseStatus status, boolean head) {
        ByteBuf cached = cache.gzipIfPresent(file.hash());
        if (cached != null) {
            return sendGzip(response, status, cached, head);
        }
        return Mono.fromCallable(() -> cache.loadGzip(file.hash()))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(loaded -> Mono.from(sendGzip(response, status, loaded, head)))
                .onErrorResume(e -> !response.hasSentHeaders(), e -> missingBlob(response, file, e));
    }

    private static Publisher<Void> sendGzip(HttpServerResponse response, HttpResponseStatus status, ByteBuf gzip,
            boolean head) {
        ServeChoice.describeGzip(response.status(status).responseHeaders(), gzip);
        return head ? response.send() : response.sendObject(gzip.duplicate());
    }

    private static ByteBuf slice(ByteBuf cached, long start, long length) {
        return start == 0 && length == cached.readableBytes() ? cached.duplicate()
                : cached.slice((int) start, (int) length);
    }

    /**
     * 503 while the blob store cannot be reached (the disk cache logs that outage), 500 when it answered that it lost
     * the blob.
     */
    Mono<Void> missingBlob(HttpServerResponse response, ServedFile file, Throwable cause) {
        response.responseHeaders().clear();
        if (cause != null && !lost(cause)) {
            response.header(HttpHeaderNames.RETRY_AFTER, "10");
            return Mono.from(PlainResponses.text(response, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "The file exists in this deployment but the blob store holding its bytes cannot be reached; "
                            + "retry later\n", false));
        }
        // the blob store lost a file of a live deployment: an operator problem, worth one loud line, not one per hit
        if (missingBlobLogged.compareAndSet(false, true)) {
            log.error("Blob {} for {} cannot be read{}; answering 500 (logged once)", file.hash(), file.path(),
                    cause == null ? "" : ": " + cause);
        }
        return Mono.from(PlainResponses.text(response, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "The file exists in this deployment but its bytes are unavailable\n", false));
    }

    /** Whether the store answered that the blob is absent, rather than not answering. */
    private static boolean lost(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }
}
