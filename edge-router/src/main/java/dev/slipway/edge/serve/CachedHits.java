package dev.slipway.edge.serve;

import dev.slipway.edge.firewall.Firewalls;
import dev.slipway.edge.firewall.Verdict;
import dev.slipway.edge.observe.Observation;
import dev.slipway.edge.observe.RequestObservations;
import dev.slipway.edge.observe.Result;
import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.Planner;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.site.Site;
import dev.slipway.edge.skew.SkewPins;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.naming.HostNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The commonest requests of all, answered with plain Netty messages instead of Reactor Netty's per-request machinery
 * (which costs as much as the rest of a small-file hit): a bodyless GET or HEAD over plain HTTP for a site without
 * basic auth, whose plan serves a file without a Range. Files of {@code zeroCopyFrom} up to {@code zeroCopyBelow}
 * bytes go out with {@code sendfile} from the blob store's file, as nginx sends them; others (and gzip copies) from
 * the {@link BlobCache} when they are already there. Everything else, including every cache miss, returns null and takes
 * the full {@link StaticFastPath} / Gateway route, which gives the same answer for these requests too. What was
 * decided for a plain request is remembered ({@link ServeMemo}), so its repeats go straight to the bytes.
 *
 * <p>Thread-safe; runs on the event loop and never blocks (opening a blob file is a page-cache metadata read).
 */
public final class CachedHits {

    /** Enough for the hot files of many sites; each costs one file descriptor. */
    private static final int MAX_OPEN_FILES = 1024;

    private final StaticFastPath fastPath;
    private final Firewalls firewalls;
    private final BlobCache cache;
    private final OpenBlobFiles files;
    private final long zeroCopyFrom;
    private final long zeroCopyBelow;
    private final ServeMemo memo = new ServeMemo();
    private final RequestObservations observations;

    public CachedHits(StaticFastPath fastPath, Firewalls firewalls, BlobCache cache, BlobStore blobs,
            long zeroCopyFrom, long zeroCopyBelow, RequestObservations observations) {
        this.observations = observations;
        this.fastPath = fastPath;
        this.firewalls = firewalls;
        this.cache = cache;
        this.files = new OpenBlobFiles(blobs, MAX_OPEN_FILES);
        this.zeroCopyFrom = zeroCopyFrom;
        this.zeroCopyBelow = zeroCopyBelow;
    }

    /**
     * @param message a {@code FullHttpResponse}, or the head of a response whose body is {@code file}
     * @param file    the body to send after {@code message} (then an empty last content ends it), or null
     */
    record Answer(HttpResponse message, FileRegion file, Site site, Verdict refusal) {
    }

    /**
     * The complete response, or null when the request must take the full route (which then applies the firewall).
     *
     * @param peer the connection's remote address, for the firewall
     */
    Answer answer(HttpRequest request, SocketAddress peer) {
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        HttpHeaders headers = request.headers();
        // Netty's parser takes any HTTP/x.y; Reactor Netty refuses all but 1.0 and 1.1, and so it shall
        HttpVersion version = request.protocolVersion();
        if (!head && !HttpMethod.GET.equals(method) || request.decoderResult().isFailure()
                || !HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)
                || HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) != 0
                || RequestHosts.ambiguity(headers, request.uri()) != null) {
            return null;
        }
        StaticFastPath.PlainHttpScope scope = fastPath.plainHttpScope();
        // with skew protection somewhere, the deployment a request asks for is part of what decides the answer
        ServeMemo.Key key = plain(request) ? new ServeMemo.Key(headers.get(HttpHeaderNames.HOST), request.uri(),
                headers.get(HttpHeaderNames.ACCEPT_ENCODING),
                scope.table().skewProtected() ? SkewPins.requested(headers, request.uri()) : null) : null;
        ServeChoice remembered = key == null ? null : memo.get(scope, key);
        Answer answer = remembered != null ? respond(request, remembered, head) : decide(scope, request, head, key);
        return answer == null || !firewalls.active() ? answer : screened(scope, request, peer, answer);
    }

    /**
     * The firewall's verdict, asked only once this path is sure to answer (so a request is counted against its rate
     * limits once, here or on the full route); a refused answer is dropped unsent, which only costs its bytes' lookup.
     */
    private Answer screened(StaticFastPath.PlainHttpScope scope, HttpRequest request, SocketAddress peer,
            Answer answer) {
        HttpHeaders headers = request.headers();
        Site site = scope.site(request.uri(), HostNames.normalizeHost(headers.get(HttpHeaderNames.HOST)));
        Verdict verdict = site == null ? Verdict.ALLOW
                : firewalls.check(site.route().appId(), peer, headers::get, request.uri());
        if (verdict.allowed()) {
            return answer;
        }
        ReferenceCountUtil.release(answer.message());
        ReferenceCountUtil.release(answer.file());
        DefaultFullHttpResponse refusal = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(verdict.status()),
                Unpooled.wrappedBuffer(verdict.body().getBytes(StandardCharsets.UTF_8)));
        refusal.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, refusal.content().readableBytes());
        if (verdict.retryAfterSeconds() > 0) {
            refusal.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        }
        if (HttpMethod.HEAD.equals(request.method())) {
            refusal.content().clear();
        }
        HttpUtil.setKeepAlive(refusal, HttpUtil.isKeepAlive(request));
        return new Answer(refusal, null, site, verdict);
    }

    /**
     * Records an answer about to be written.
     *
     * @param start when the request was read ({@link System#nanoTime()})
     */
    void observe(HttpRequest request, Answer answer, long start, SocketAddress peer) {
        HttpResponse message = answer.message();
        HttpHeaders headers = request.headers();
        HttpHeaders sent = message.headers();
        long bytes = answer.file() != null ? answer.file().count()
                : message instanceof FullHttpResponse full ? full.content().readableBytes() : 0;
        Verdict refusal = answer.refusal();
        observations.complete(new Observation(System.nanoTime() - start, System.currentTimeMillis(), answer.site(),
                HostNames.normalizeHost(headers.get(HttpHeaderNames.HOST)), request.method().name(), request.uri(),
                request.protocolVersion().text(), false, peer, headers.get(HttpHeaderNames.USER_AGENT),
                headers.get(HttpHeaderNames.REFERER), headers.get(Observation.FORWARDED_FOR),
                headers.get(observations.countryHeader()), message.status().code(), bytes,
                sent.get(HttpHeaderNames.CONTENT_TYPE), refusal == null ? Result.HIT : Result.BLOCKED,
                refusal == null ? null : refusal.reason()));
    }

    /** The answer decided afresh, remembered under {@code key} when it has one. */
    private Answer decide(StaticFastPath.PlainHttpScope scope, HttpRequest request, boolean head, ServeMemo.Key key) {
        ServeChoice choice = choose(scope, request);
        if (choice == null || choice.range() != null) {
            return null;
        }
        if (choice.encoding() == Encoding.GZIP_HERE && !choice.notModified()) {
            ByteBuf gzip = cache.gzipIfPresent(choice.representation().hash());
            if (gzip == null) {
                return null;
            }
            ServeChoice.describeGzip(choice.headers(), gzip);
        }
        // a plain request is keep-alive HTTP/1.1, so what is remembered says nothing about the connection
        HttpUtil.setKeepAlive(choice.headers(), request.protocolVersion(), HttpUtil.isKeepAlive(request));
        Answer answer = respond(request, choice, head);
        if (answer != null && key != null) {
            memo.put(scope, key, choice);
        }
        return answer;
    }

    /**
     * Whether the answer to {@code request} depends only on its Host, target and Accept-Encoding: a keep-alive
     * HTTP/1.1 request (no Connection header to add) without a range, validators or a viewer country.
     */
    private static boolean plain(HttpRequest request) {
        HttpHeaders headers = request.headers();
        return HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && HttpUtil.isKeepAlive(request)
                && !headers.contains(HttpHeaderNames.RANGE) && !headers.contains(HttpHeaderNames.IF_NONE_MATCH)
                && !headers.contains(HttpHeaderNames.IF_MODIFIED_SINCE)
                && !headers.contains(Planner.VIEWER_COUNTRY_HEADER);
    }

    /** The choice for a request to a site without basic auth or protection whose plan serves a file, else null. */
    private static ServeChoice choose(StaticFastPath.PlainHttpScope scope, HttpRequest request) {
        HttpHeaders headers = request.headers();
        String uri = request.uri();
        String host = HostNames.normalizeHost(headers.get(HttpHeaderNames.HOST));
        Site site = SkewPins.choose(scope.site(uri, host), headers, uri);
        // protected sites take the fast path, which checks the visitor's cookie (Protections)
        if (site == null || site.route().basicAuth() != null || site.route().protection() != null
                || !(Planner.plan(site, host, uri, headers.get(Planner.VIEWER_COUNTRY_HEADER)) instanceof Plan.Serve serve)) {
            return null;
        }
        return ServeChoice.of(site, serve, headers);
    }

    /**
     * The response for a complete choice (keep-alive and gzip length described); its headers are shared, not
     * changed. Null when the bytes are neither cached nor in the zero-copy window.
     */
    private Answer respond(HttpRequest request, ServeChoice choice, boolean head) {
        if (choice.notModified() || head && choice.encoding() != Encoding.GZIP_HERE) {
            return full(request, choice, Unpooled.EMPTY_BUFFER);
        }
        ServedFile representation = choice.representation();
        long size = representation.size();
        if (choice.encoding() != Encoding.GZIP_HERE && size >= zeroCopyFrom && size < zeroCopyBelow) {
            FileRegion file = files.region(representation.hash(), size);
            if (file != null) {
                return new Answer(new DefaultHttpResponse(request.protocolVersion(), choice.status(), choice.headers()),
                        file, choice.site(), null);
            }
        }
        ByteBuf bytes = cached(choice);
        if (bytes == null) {
            return null;
        }
        return full(request, choice, head ? Unpooled.EMPTY_BUFFER : bytes.duplicate());
    }

    private ByteBuf cached(ServeChoice choice) {
        String hash = choice.representation().hash();
        if (choice.encoding() == Encoding.GZIP_HERE) {
            return cache.gzipIfPresent(hash);
        }
        return choice.representation().inMemory() ? cache.getIfPresent(hash) : null;
    }

    private static Answer full(HttpRequest request, ServeChoice choice, ByteBuf content) {
        return new Answer(new DefaultFullHttpResponse(request.protocolVersion(), choice.status(), content,
                choice.headers(), EmptyHttpHeaders.INSTANCE), null, choice.site(), null);
    }
}
