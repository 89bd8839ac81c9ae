package dev.slipway.edge.site;

import java.util.regex.Pattern;

/**
 * Decides {@code Cache-Control} per file. Only a name that carries a content hash may be cached forever: its URL
 * changes whenever its bytes do. Everything else must be revalidated (cheap: ETag + 304), so a new deployment is
 * visible on the next request.
 */
public final class CachePolicy {

    public static final String REVALIDATE = "public, max-age=0, must-revalidate";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    // webpack/parcel style: app.3f2a1b9c.js, chunk-0a1b2c3d4e.css, logo.5d41402abc.png
    private static final Pattern HEX_HASH = Pattern.compile("[.-][0-9a-f]{8,}\\.");
    // vite/rollup style: index-BdX3k9aZ.js. Requiring a digit or capital keeps words like "-application.js" out,
    // because a false "immutable" would pin a stale file in browsers for a year.
    private static final Pattern BASE64_HASH =
            Pattern.compile("[.-](?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{8,}\\.(js|css|mjs)$");

    private CachePolicy() {
    }

    public static String cacheControl(String path, String contentType) {
        if (contentType != null && contentType.startsWith("text/html")) {
            return REVALIDATE;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (HEX_HASH.matcher(name).find() || BASE64_HASH.matcher(name).find()) {
            return IMMUTABLE;
        }
        return REVALIDATE;
    }
}
