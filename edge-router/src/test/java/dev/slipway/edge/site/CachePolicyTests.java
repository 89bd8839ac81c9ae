package dev.slipway.edge.site;

import static dev.slipway.edge.site.CachePolicy.IMMUTABLE;
import static dev.slipway.edge.site.CachePolicy.REVALIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CachePolicyTests {

    private static final String JS = "text/javascript; charset=utf-8";

    @Test
    void htmlIsAlwaysRevalidatedEvenWithAHashInItsName() {
        assertThat(CachePolicy.cacheControl("index.html", "text/html; charset=utf-8")).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("page.3f2a1b9c.html", "text/html; charset=utf-8")).isEqualTo(REVALIDATE);
    }

    @Test
    void contentHashedNamesAreImmutable() {
        assertThat(CachePolicy.cacheControl("assets/app.3f2a1b9c.js", JS)).isEqualTo(IMMUTABLE);
        assertThat(CachePolicy.cacheControl("static/css/main.0a1b2c3d4e5f.chunk.css", "text/css")).isEqualTo(IMMUTABLE);
        assertThat(CachePolicy.cacheControl("img/logo-5d41402abc4b2a76.png", "image/png")).isEqualTo(IMMUTABLE);
        assertThat(CachePolicy.cacheControl("assets/index-BdX3k9aZ.js", JS)).isEqualTo(IMMUTABLE);
        assertThat(CachePolicy.cacheControl("assets/vendor-D1a_c-3x.mjs", JS)).isEqualTo(IMMUTABLE);
    }

    @Test
    void plainNamesAreRevalidated() {
        assertThat(CachePolicy.cacheControl("app.js", JS)).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("my-application.js", JS)).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("favicon.ico", "image/x-icon")).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("robots.txt", "text/plain")).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("fonts/Inter-Regular.woff2", "font/woff2")).isEqualTo(REVALIDATE);
        assertThat(CachePolicy.cacheControl("deadbeef/app.js", JS)).isEqualTo(REVALIDATE);
    }
}
