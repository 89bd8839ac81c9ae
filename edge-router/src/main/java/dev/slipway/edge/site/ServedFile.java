package dev.slipway.edge.site;

import dev.slipway.protocol.artifact.ManifestEntry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One servable file with its response headers computed once per deployment, so the hot path only copies them.
 *
 * @param path     manifest key
 * @param hash     blob key (sha256)
 * @param size     bytes
 * @param inMemory whether the bytes are served from the buffer cache ({@code size <= smallFileLimit}) rather than
 *                 with sendFile
 * @param etag     the quoted strong ETag
 * @param headers  Content-Type, Content-Length, ETag, Last-Modified, Cache-Control, Accept-Ranges (and
 *                 Content-Encoding for a variant); never mutated after construction
 * @param variants precompressed siblings and whether the edge may gzip it itself
 */
public record ServedFile(String path, String hash, long size, boolean inMemory, String etag, HttpHeaders headers,
                         Variants variants) {

    private static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

    /** Compressing these saves little or nothing: they are compressed formats already, or tiny. */
    private static final int MIN_COMPRESSIBLE = 256;

    /**
     * Other representations of the same file.
     *
     * @param brotli       {@code <path>.br} of the deployment, served as this file with {@code Content-Encoding: br}
     * @param gzip         {@code <path>.gz} likewise
     * @param compressible a text file the edge gzips itself (once, cached) when there is no {@code .gz}
     */
    public record Variants(ServedFile brotli, ServedFile gzip, boolean compressible) {
        public static final Variants NONE = new Variants(null, null, false);
    }

    public static ServedFile of(String path, ManifestEntry entry, long smallFileLimit) {
        return of(path, entry, smallFileLimit, null);
    }

    /** @param lastModified when the deployment was stored, or null when unknown (no Last-Modified then) */
    public static ServedFile of(String path, ManifestEntry entry, long smallFileLimit, Instant lastModified) {
        String etag = "\"" + entry.hash() + "\"";
        // AsciiString values: Netty encodes them with one bulk copy instead of char by char, on every response
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, AsciiString.of(entry.contentType()))
                .set(HttpHeaderNames.CONTENT_LENGTH, AsciiString.of(Long.toString(entry.size())))
                .set(HttpHeaderNames.ETAG, AsciiString.of(etag))
                .set(HttpHeaderNames.CACHE_CONTROL, AsciiString.of(CachePolicy.cacheControl(path, entry.contentType())))
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        if (lastModified != null) {
            headers.set(HttpHeaderNames.LAST_MODIFIED, AsciiString.of(
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC))));
        }
        boolean inMemory = entry.size() <= smallFileLimit;
        boolean compressible = inMemory && entry.size() >= MIN_COMPRESSIBLE && isText(entry.contentType());
        return new ServedFile(path, entry.hash(), entry.size(), inMemory, etag, headers,
                new Variants(null, null, compressible));
    }

    /** {@code original}'s representation stored in a {@code .br}/{@code .gz} sibling of the deployment. */
    public static ServedFile encoded(ServedFile original, ServedFile sibling, String encoding) {
        String etag = "\"" + sibling.hash() + "\"";
        HttpHeaders headers = new DefaultHttpHeaders().set(original.headers())
                .set(HttpHeaderNames.CONTENT_LENGTH, AsciiString.of(Long.toString(sibling.size())))
                .set(HttpHeaderNames.ETAG, AsciiString.of(etag))
                .set(HttpHeaderNames.CONTENT_ENCODING, AsciiString.of(encoding))
                .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING)
                .remove(HttpHeaderNames.ACCEPT_RANGES);
        return new ServedFile(original.path(), sibling.hash(), sibling.size(), sibling.inMemory(), etag, headers,
                Variants.NONE);
    }

    public ServedFile withVariants(Variants other) {
        return new ServedFile(path, hash, size, inMemory, etag, headers, other);
    }

    /** {@code If-None-Match} uses the weak comparison (RFC 9110 §13.1.2), so {@code W/"x"} matches {@code "x"}. */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        return ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag);
    }

    /**
     * RFC 9110 §13.2.2: {@code If-None-Match} decides when present; otherwise {@code If-Modified-Since} against
     * Last-Modified (a date that does not parse is ignored, as the RFC says).
     */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch);
        }
        String lastModified = headers.get(HttpHeaderNames.LAST_MODIFIED);
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            return !ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .isAfter(ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isText(String contentType) {
        return contentType != null && (contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("application/xml") || contentType.startsWith("application/manifest+json")
                || contentType.startsWith("image/svg+xml") || contentType.startsWith("application/wasm"));
    }
}
