package dev.slipway.edge;

import static dev.slipway.edge.RunningEdge.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge serves a deployment described only by its disk snapshot (the control plane URL points at a closed port),
 * over real HTTP, with every serving rule visible from outside.
 */
class EdgeServingIntegrationTests {

    private static final String HOST = "main.dabc123.localhost";
    private static final byte[] LARGE = new byte[2 * 1024 * 1024 + 17];
    private static final String CSS = "body { font-family: sans-serif; }\n".repeat(64);

    @TempDir
    static Path dataDir;

    @AutoClose
    private static RunningEdge edge;

    @BeforeAll
    static void startEdgeFromDiskSnapshot() throws IOException {
        new Random(42).nextBytes(LARGE);
        String manifest = TestSites.in(dataDir)
                .file("index.html", "<h1>home</h1>")
                .file("about.html", "<h1>about</h1>")
                .file("docs/index.html", "<h1>docs</h1>")
                .file("assets/app.3f2a1b9c.js", "console.log('hi')")
                .file("video.bin", LARGE)
                .file("styles/site.css", CSS)
                .file("data.json", "{\"plain\":true}")
                .file("data.json.br", "pretend-brotli")
                .file("data.json.gz", "pretend-gzip")
                .deploy();
        edge = RunningEdge.servingFromDisk(dataDir, 7, HOST, manifest);
    }

    @Test
    void rootServesIndexHtmlWithPrecomputedHeaders() throws Exception {
        HttpResponse<byte[]> response = edge.get(HOST + ":8000", "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("<h1>home</h1>");
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("content-length")).contains("13");
        assertThat(response.headers().firstValue("cache-control")).contains("public, max-age=0, must-revalidate");
        assertThat(response.headers().firstValue("etag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{64}\""));
        // served twice: the second answer comes from the buffer cache and must be identical
        assertThat(text(edge.get(HOST, "/"))).isEqualTo("<h1>home</h1>");
    }

    @Test
    void hashedAssetsAreImmutable() throws Exception {
        HttpResponse<byte[]> response = edge.get(HOST, "/assets/app.3f2a1b9c.js?v=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(response.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
    }

    @Test
    void etagRevalidationAnswers304WithoutABody() throws Exception {
        String etag = edge.get(HOST, "/about").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> response = edge.get(HOST, "/about", "If-None-Match", etag);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("etag")).contains(etag);
        assertThat(edge.get(HOST, "/about", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void extensionlessPathsAndDirectories() throws Exception {
        assertThat(text(edge.get(HOST, "/about"))).isEqualTo("<h1>about</h1>");
        HttpResponse<byte[]> redirect = edge.get(HOST, "/docs?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("location")).contains("/docs/?x=1");
        assertThat(text(edge.get(HOST, "/docs/"))).isEqualTo("<h1>docs</h1>");
    }

    @Test
    void missingFileIs404() throws Exception {
        HttpResponse<byte[]> response = edge.get(HOST, "/missing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("Not found\n");
    }

    @Test
    void traversalNeverEscapesTheDeployment() throws Exception {
        for (String path : new String[] {"/%2e%2e/x", "/%2E%2E/%2E%2E/edge/routes.json", "/a%2f..%2f..%2fetc%2fpasswd",
                "/..%5c..%5cetc%5cpasswd", "/index.html%00"}) {
            HttpResponse<byte[]> response = edge.get(HOST, path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(text(response)).as(path).doesNotContain("root:").doesNotContain("version");
        }
        // java.net.URI would normalize dot segments away, so send this one byte for byte
        String raw = rawRequest("GET /a/../../etc/passwd HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400").doesNotContain("root:");
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        HttpResponse<byte[]> response = edge.send("HEAD", HOST, "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-length")).contains("13");
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<byte[]> response = edge.send("POST", HOST, "/");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
    }

    @Test
    void unknownHostFallsThroughToSpringAnd404s() throws Exception {
        HttpResponse<byte[]> response = edge.get("nope.dabc123.localhost", "/");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("No site is deployed at nope.dabc123.localhost\n");
    }

    @Test
    void largeFileIsSentFromDiskIntact() throws Exception {
        HttpResponse<byte[]> response = edge.get(HOST, "/video.bin");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).contains(Integer.toString(LARGE.length));
        assertThat(response.body()).isEqualTo(LARGE);
    }

    @Test
    void healthReportsTheRouteVersionOnAnyHost() throws Exception {
        HttpResponse<byte[]> response = edge.get("anything.example", "/_slipway/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("{\"status\":\"UP\",\"routeVersion\":7}");
    }

    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void rangesAnswer206Or416AndIfRangeFallsBackToTheWholeFile() throws Exception {
        HttpResponse<byte[]> small = edge.get(HOST, "/about.html", "Range", "bytes=4-8");
        assertThat(small.statusCode()).isEqualTo(206);
        assertThat(text(small)).isEqualTo("about");
        assertThat(small.headers().firstValue("content-range")).contains("bytes 4-8/14");
        HttpResponse<byte[]> suffix = edge.get(HOST, "/video.bin", "Range", "bytes=-100");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(LARGE, LARGE.length - 100, LARGE.length));
        HttpResponse<byte[]> open = edge.get(HOST, "/video.bin", "Range", "bytes=1000000-");
        assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(LARGE, 1000000, LARGE.length));
        HttpResponse<byte[]> beyond = edge.get(HOST, "/about.html", "Range", "bytes=100-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("content-range")).contains("bytes */14");
        assertThat(edge.get(HOST, "/about.html", "Range", "bytes=0-1", "If-Range", "\"stale\"").statusCode())
                .isEqualTo(200);
        assertThat(edge.get(HOST, "/about.html", "Range", "bytes=0-1,4-5").statusCode()).isEqualTo(200);
    }

    @Test
    void lastModifiedIsTheDeploymentTimeAndIfModifiedSinceIsHonoured() throws Exception {
        String lastModified = edge.get(HOST, "/").headers().firstValue("last-modified").orElseThrow();
        java.time.ZonedDateTime when = java.time.ZonedDateTime.parse(lastModified,
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(when.toInstant()).isBefore(java.time.Instant.now().plusSeconds(1))
                .isAfter(java.time.Instant.now().minusSeconds(3600));
        assertThat(edge.get(HOST, "/", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        String earlier = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(when.minusSeconds(10));
        assertThat(edge.get(HOST, "/", "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
        assertThat(edge.get(HOST, "/", "If-Modified-Since", lastModified, "If-None-Match", "\"other\"").statusCode())
                .as("If-None-Match decides").isEqualTo(200);
    }

    @Test
    void textIsGzippedWhenTheClientAcceptsIt() throws Exception {
        HttpResponse<byte[]> gzipped = edge.get(HOST, "/styles/site.css", "Accept-Encoding", "gzip, deflate");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("vary")).contains("accept-encoding");
        assertThat(gzipped.body().length).isLessThan(CSS.length() / 4);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSS);
        }
        HttpResponse<byte[]> plain = edge.get(HOST, "/styles/site.css");
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(text(plain)).isEqualTo(CSS);
        assertThat(edge.get(HOST, "/styles/site.css", "Accept-Encoding", "gzip;q=0").headers()
                .firstValue("content-encoding")).isEmpty();
        String weak = gzipped.headers().firstValue("etag").orElseThrow();
        assertThat(edge.get(HOST, "/styles/site.css", "Accept-Encoding", "gzip", "If-None-Match", weak).statusCode())
                .isEqualTo(304);
    }

    @Test
    void precompressedSiblingsAreServedWithTheOriginalType() throws Exception {
        HttpResponse<byte[]> brotli = edge.get(HOST, "/data.json", "Accept-Encoding", "gzip, br");
        assertThat(text(brotli)).isEqualTo("pretend-brotli");
        assertThat(brotli.headers().firstValue("content-encoding")).contains("br");
        assertThat(brotli.headers().firstValue("content-type")).contains("application/json");
        HttpResponse<byte[]> gzip = edge.get(HOST, "/data.json", "Accept-Encoding", "gzip");
        assertThat(text(gzip)).isEqualTo("pretend-gzip");
        assertThat(gzip.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(text(edge.get(HOST, "/data.json"))).isEqualTo("{\"plain\":true}");
    }
}
