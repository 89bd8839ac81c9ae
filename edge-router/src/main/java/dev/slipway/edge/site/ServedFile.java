package dev.slipway.edge.site;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import dev.slipway.protocol.artifact.ManifestEntry;

/**
 * One servable file with its response headers computed once per deployment, so the hot path only copies them.
 *
 * @param path     manifest key
 * @param hash     blob key (sha256)
 * @param size     bytes
 * @param inMemory whether the bytes are served from the buffer cache ({@code size <= smallFileLimit}) rather than
 *                 with sendFile
 * @param etag     the quoted strong ETag
 * @param headers  Content-Type, Content-Length, ETag, Cache-Control; never mutated after construction
 */
public record ServedFile(String path, String hash, long size, boolean inMemory, String etag, HttpHeaders headers) {

    public static ServedFile of(String path, ManifestEntry entry, long smallFileLimit) {
        String etag = "\"" + entry.hash() + "\"";
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, entry.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(entry.size()))
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, CachePolicy.cacheControl(path, entry.contentType()))
                .set("X-Content-Type-Options", "nosniff");
        return new ServedFile(path, entry.hash(), entry.size(), entry.size() <= smallFileLimit, etag, headers);
    }

    /** {@code If-None-Match} uses the weak comparison (RFC 9110 §13.1.2), so {@code W/"x"} matches {@code "x"}. */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        return ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag);
    }
}
