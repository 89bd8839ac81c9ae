package dev.slipway.edge.serve;

import dev.slipway.edge.site.Access;
import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.Planner;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.site.Site;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers a request for a deployed site with plain Reactor Netty: basic auth, then the {@link Planner} (rules, then
 * the file), then precomputed headers plus the deployment's custom headers and a cached buffer (small files) or a
 * zero-copy sendFile (large files).
 *
 * <p>Runs on the event loop; the only blocking work (reading a small blob on a cache miss) is moved to
 * {@code boundedElastic}.
 */
final class StaticResponder {

    private static final Logger log = LoggerFactory.getLogger(StaticResponder.class);

    private final BlobStore blobs;
    private final BlobCache cache;
    private final AtomicBoolean missingBlobLogged = new AtomicBoolean();

    StaticResponder(BlobStore blobs, BlobCache cache) {
        this.blobs = blobs;
        this.cache = cache;
    }

    Publisher<Void> respond(HttpServerRequest request, HttpServerResponse response, Site site, String host) {
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        if (!head && !HttpMethod.GET.equals(method)) {
            response.header(HttpHeaderNames.ALLOW, "GET, HEAD");
            return PlainResponses.text(response, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n", false);
        }
        if (!Access.allowed(site, request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + host + "\", charset=\"UTF-8\"");
            return PlainResponses.text(response, HttpResponseStatus.UNAUTHORIZED, "Authentication required\n", head);
        }
        return switch (Planner.plan(site, host, request.uri(), StaticFastPath.country(request))) {
            case Plan.Serve serve -> serve(request, response, site, serve, head);
            case Plan.Redirect redirect -> response.status(redirect.status())
                    .header(HttpHeaderNames.LOCATION, redirect.location())
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                    .send();
            case Plan.NotFound notFound -> PlainResponses.text(response, HttpResponseStatus.NOT_FOUND, "Not found\n", head);
            case Plan.BadRequest bad ->
                    PlainResponses.text(response, HttpResponseStatus.BAD_REQUEST, "Bad request: " + bad.reason() + "\n", head);
            // the fast path's predicate hands these to the Gateway; reaching here means the rules changed in between
            case Plan.Proxy proxy -> PlainResponses.text(response, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Rules changed while this request was routed; retry\n", head);
        };
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, Site site, Plan.Serve plan,
            boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(plan.status());
        response.headers(plan.file().headers());
        // custom headers override the defaults; Cache-Control ones only on 200, so errors are never cached (§4.2)
        for (Header header : site.headers().headersFor(plan.requestPath())) {
            if (status == HttpResponseStatus.OK || !header.key().equalsIgnoreCase("Cache-Control")) {
                response.header(header.key(), header.value());
            }
        }
        return serve(request, response, plan.file(), status, head);
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, ServedFile file,
            HttpResponseStatus status, boolean head) {
        // a 404 page is not "the resource", so it must not turn into a 304
        if (status == HttpResponseStatus.OK && file.matches(request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH))) {
            response.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.CONTENT_TYPE);
            return response.status(HttpResponseStatus.NOT_MODIFIED)
                    .header(HttpHeaderNames.ETAG, file.etag())
                    .header(HttpHeaderNames.CACHE_CONTROL, response.responseHeaders().get(HttpHeaderNames.CACHE_CONTROL))
                    .send();
        }
        if (head) {
            return response.status(status).send();
        }
        if (file.inMemory()) {
            ByteBuf cached = cache.getIfPresent(file.hash());
            if (cached != null) {
                return response.status(status).sendObject(cached.duplicate());
            }
            return Mono.fromCallable(() -> cache.load(file.hash()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(loaded -> Mono.from(response.status(status)
                            .sendObject(loaded.duplicate())))
                    .onErrorResume(e -> !response.hasSentHeaders(), e -> missingBlob(response, file, e));
        }
        Optional<Path> local = blobs.localFile(file.hash());
        if (local.isEmpty()) {
            return missingBlob(response, file, null);
        }
        return response.status(status).sendFile(local.get(), 0, file.size());
    }

    private Mono<Void> missingBlob(HttpServerResponse response, ServedFile file, Throwable cause) {
        // the blob store lost a file of a live deployment: an operator problem, worth one loud line, not one per hit
        if (missingBlobLogged.compareAndSet(false, true)) {
            log.error("Blob {} for {} cannot be read{}; answering 500 (logged once)", file.hash(), file.path(),
                    cause == null ? "" : ": " + cause);
        }
        response.responseHeaders().clear();
        return Mono.from(PlainResponses.text(response, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "The file exists in this deployment but its bytes are unavailable\n", false));
    }
}
