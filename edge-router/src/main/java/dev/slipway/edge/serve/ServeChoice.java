package dev.slipway.edge.serve;

import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.site.Site;
import dev.slipway.edge.skew.SkewPins;
import dev.slipway.protocol.headers.Header;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What answers a {@link Plan.Serve} for one request: the representation the client asked for (a single range, a
 * precompressed {@code .br}/{@code .gz} sibling, gzip made here for text, or the bytes as stored), whether it is a
 * 304, and the response headers: the file's precomputed ones, the route's Cache-Control, then the deployment's custom
 * headers. Both writers use it: {@link StaticResponder} (Reactor Netty) and {@link CachedHits} (plain Netty).
 *
 * @param range   the Range header to honour (identity encoding then), or null
 * @param headers a fresh copy the caller may change
 */
record ServeChoice(HttpResponseStatus status, ServedFile representation, Encoding encoding, String range,
                   boolean notModified, HttpHeaders headers, Site site) {

    /**
     * The validators of the file's own headers: copying those is a bulk copy without checks, while the custom
     * headers added after them are checked, as Reactor Netty's response headers would check them.
     */
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory();

    static ServeChoice of(Site site, Plan.Serve plan, HttpHeaders request) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(plan.status());
        ServedFile file = plan.file();
        // a 404 page is not "the resource", so it must not turn into a 304 or a range
        boolean ok = status == HttpResponseStatus.OK;
        String range = ok ? request.get(HttpHeaderNames.RANGE) : null;
        String ifRange = range == null ? null : request.get(HttpHeaderNames.IF_RANGE);
        boolean ranged = range != null && (ifRange == null || ifRange.equals(file.etag()));
        Encoding encoding = ranged ? Encoding.IDENTITY
                : Encoding.choose(request.get(HttpHeaderNames.ACCEPT_ENCODING), file);
        ServedFile representation = encoding.representation(file);
        HttpHeaders headers = HEADERS.newHeaders().set(representation.headers());
        if (ok && plan.cacheControl() != null) {
            headers.set(HttpHeaderNames.CACHE_CONTROL, plan.cacheControl());
        }
        // custom headers override the defaults; Cache-Control ones only on 200, so errors are never cached (§4.2)
        for (Header header : site.headers().headersFor(plan.requestPath())) {
            if (ok || !header.key().equalsIgnoreCase("Cache-Control")) {
                headers.set(header.key(), header.value());
            }
        }
        if (site.skewProtected()) {
            String cookie = SkewPins.cookieFor(site, headers.get(HttpHeaderNames.CONTENT_TYPE));
            if (cookie != null) {
                headers.add(HttpHeaderNames.SET_COOKIE, cookie);
            }
        }
        boolean notModified = ok && representation.notModified(request.get(HttpHeaderNames.IF_NONE_MATCH),
                request.get(HttpHeaderNames.IF_MODIFIED_SINCE));
        if (notModified) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.CONTENT_TYPE);
        } else if (encoding == Encoding.GZIP_HERE) {
            headers.set(HttpHeaderNames.ETAG, "W/" + file.etag())
                    .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING)
                    .remove(HttpHeaderNames.ACCEPT_RANGES);
        }
        return new ServeChoice(notModified ? HttpResponseStatus.NOT_MODIFIED : status, representation, encoding,
                ranged && !notModified ? range : null, notModified, headers, site);
    }

    /** The length is known only once the compressed copy exists. */
    static void describeGzip(HttpHeaders headers, ByteBuf gzip) {
        headers.set(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(gzip.readableBytes()))
                .set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    }
}
