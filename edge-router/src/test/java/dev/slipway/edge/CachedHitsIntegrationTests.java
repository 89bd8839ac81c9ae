package dev.slipway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.edge.feed.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-Netty answers of cached hits (CachedHitHandler) against the real edge over raw sockets: the same
 * response as the full route gives, request order kept when pipelined requests alternate between the two routes,
 * and HTTP/1.0 and {@code Connection: close} semantics. The medium file lies in the zero-copy window (sendfile); the
 * small ones are answered from memory once the first request has cached them.
 */
class CachedHitsIntegrationTests {

    private static final String HOST = "main.dcached000000000.localhost";
    private static final int COLD_FILES = 400;
    /** In the zero-copy window (32 KB up to 128 KB by default). */
    private static final byte[] MEDIUM = randomBytes(48 * 1024 + 5);

    @TempDir
    static Path dataDir;

    @AutoClose
    private static RunningEdge edge;

    @BeforeAll
    static void startEdge() throws IOException {
        edge = RunningEdge.servingFromDisk(dataDir, 3, HOST, deploy(TestSites.in(dataDir), "one"));
    }

    /** The test site; only {@code flip.txt} differs between two deployments. */
    private static String deploy(TestSites site, String flip) {
        for (int i = 0; i < COLD_FILES; i++) {
            site.file("cold/" + i + ".txt", "cold file " + i);
        }
        return site.file("index.html", "<h1>home</h1>")
                .file("medium.bin", MEDIUM)
                .file("site.css", "body { color: #123; }\n".repeat(40))
                .file("cold-1.txt", "first read from disk")
                .file("cold-2.txt", "second read from disk")
                .file("flip.txt", flip)
                .deploy();
    }

    @Test
    void aCachedHitAnswersExactlyLikeTheFirstRequestThatFilledTheCache() throws Exception {
        for (String[] request : List.of(new String[] {"/site.css"}, new String[] {"/site.css", "Accept-Encoding", "gzip"},
                new String[] {"/medium.bin"}, new String[] {"/index.html", "If-None-Match", "*"})) {
            String path = request[0];
            String[] headers = java.util.Arrays.copyOfRange(request, 1, request.length);
            HttpResponse<byte[]> first = edge.get(HOST, path, headers);
            // the second is decided afresh, the third remembered
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> again = edge.get(HOST, path, headers);
                assertThat(again.statusCode()).as(path).isEqualTo(first.statusCode());
                assertThat(again.headers().map()).as(path).isEqualTo(first.headers().map());
                assertThat(again.body()).as(path).isEqualTo(first.body());
            }
        }
        assertThat(edge.get(HOST, "/medium.bin").body()).isEqualTo(MEDIUM);
    }

    @Test
    void aRememberedAnswerLastsOnlyAsLongAsTheSnapshotThatGaveIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(RunningEdge.text(edge.get(HOST, "/flip.txt"))).isEqualTo("one");
        }
        edge.bean(Routes.class).apply(TestSites.snapshot(4, HOST, deploy(TestSites.in(dataDir), "two")));
        assertThat(RunningEdge.text(edge.get(HOST, "/flip.txt"))).isEqualTo("two");
    }

    @Test
    void validatorsRangesAndOtherEncodingsAreNotAnsweredWithARememberedChoice() throws Exception {
        for (int i = 0; i < 3; i++) {
            edge.get(HOST, "/site.css");
        }
        String etag = edge.get(HOST, "/site.css").headers().firstValue("etag").orElseThrow();
        assertThat(edge.get(HOST, "/site.css", "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> range = edge.get(HOST, "/site.css", "Range", "bytes=0-3");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(RunningEdge.text(range)).isEqualTo("body");
        HttpResponse<byte[]> gzip = edge.get(HOST, "/site.css", "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(edge.get(HOST, "/site.css").headers().firstValue("content-encoding")).isEmpty();
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.getOutputStream().write(("GET /site.css HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(Response.read(in, false).text()).startsWith("body { color: #123; }");
            assertThat(in.read()).as("HTTP/1.0 closes").isEqualTo(-1);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhateverRouteEachTakes() throws Exception {
        edge.get(HOST, "/index.html");   // cached from now on
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            // the cold files are read on another thread, so their answers come after later requests are decoded
            socket.getOutputStream().write((get("/index.html") + get("/cold-1.txt") + get("/index.html")
                    + request("POST", "/index.html", "Content-Length: 3\r\n") + "abc" + get("/medium.bin")
                    + get("/cold-2.txt") + request("HEAD", "/index.html", "") + get("/nowhere")
                    + get("/_slipway/health") + get("/medium.bin"))
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                responses.add(Response.read(in, i == 6));
            }
            assertThat(responses).extracting(Response::status)
                    .containsExactly(200, 200, 200, 405, 200, 200, 200, 404, 200, 200);
            assertThat(responses).extracting(Response::text).element(0).isEqualTo("<h1>home</h1>");
            assertThat(responses.get(1).text()).isEqualTo("first read from disk");
            assertThat(responses.get(2).text()).isEqualTo("<h1>home</h1>");
            assertThat(responses.get(4).body()).isEqualTo(MEDIUM);
            assertThat(responses.get(5).text()).isEqualTo("second read from disk");
            assertThat(responses.get(6).headers()).containsEntry("content-length", "13");
            assertThat(responses.get(6).body()).isEmpty();
            assertThat(responses.get(8).text()).contains("\"status\":\"UP\"");
            assertThat(responses.get(9).body()).isEqualTo(MEDIUM);
        }
    }

    @Test
    void aBodyOnAGetTakesTheFullRouteAndTheConnectionGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.getOutputStream().write((request("GET", "/medium.bin", "Content-Length: 4\r\n") + "data"
                    + get("/medium.bin")).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(Response.read(in, false).body()).isEqualTo(MEDIUM);
            assertThat(Response.read(in, false).body()).isEqualTo(MEDIUM);
        }
    }

    @Test
    void http10AndConnectionCloseEndTheConnectionAfterTheAnswer() throws Exception {
        edge.get(HOST, "/index.html");
        for (String ask : List.of("GET /index.html HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n",
                "GET /medium.bin HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n",
                // a range takes the full route, whose close must hold for the cached hit after it too
                "GET /index.html HTTP/1.1\r\nHost: " + HOST + "\r\nRange: bytes=0-1\r\nConnection: close\r\n\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", edge.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write((ask + get("/index.html")).getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                Response response = Response.read(in, false);
                assertThat(response.status()).isIn(200, 206);
                // HTTP/1.0 closes by default, so only the HTTP/1.1 answer needs to say it
                assertThat(response.headers().getOrDefault("connection", "close")).isEqualToIgnoringCase("close");
                assertThat(in.read()).as("the pipelined request after it is never answered").isEqualTo(-1);
            }
        }
    }

    @Test
    void http10KeepAliveIsHonoured() throws Exception {
        edge.get(HOST, "/index.html");
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            String ask = "GET /index.html HTTP/1.0\r\nHost: " + HOST + "\r\nConnection: keep-alive\r\n\r\n";
            String fullRoute = "GET /_slipway/health HTTP/1.0\r\nHost: " + HOST + "\r\nConnection: keep-alive\r\n\r\n";
            socket.getOutputStream().write((ask + ask + fullRoute).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                Response response = Response.read(in, false);
                assertThat(response.headers().get("connection")).isEqualToIgnoringCase("keep-alive");
                assertThat(response.text()).isEqualTo("<h1>home</h1>");
            }
            // Reactor Netty, which answers the rest, closes HTTP/1.0 connections after its answer whatever was asked
            assertThat(Response.read(in, false).text()).contains("\"status\":\"UP\"");
        }
    }

    /**
     * One request after another on one connection, alternating between the two routes as a browser's would: every
     * request must be read and answered (an early version left a request unread about once in a hundred rounds).
     */
    @Test
    void sequentialRequestsAlternatingRoutesNeverStall() throws Exception {
        edge.get(HOST, "/index.html");
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.setSoTimeout(3000);
            InputStream in = socket.getInputStream();
            for (int i = 0; i < COLD_FILES; i++) {
                for (String path : List.of("/cold/" + i + ".txt", "/cold/" + i + ".txt", "/nowhere", "/index.html")) {
                    socket.getOutputStream().write(get(path).getBytes(StandardCharsets.US_ASCII));
                    assertThat(Response.read(in, false).status()).as("round %d, %s", i, path).isIn(200, 404);
                }
            }
        }
    }

    @Test
    void onlyHttp10And11AreAnswered() throws Exception {
        edge.get(HOST, "/index.html");
        try (Socket socket = new Socket("127.0.0.1", edge.port())) {
            socket.getOutputStream().write(("GET /index.html HTTP/2.0\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(Response.read(socket.getInputStream(), false).status()).isEqualTo(400);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static String get(String path) {
        return request("GET", path, "");
    }

    private static String request(String method, String path, String extraHeaders) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + extraHeaders + "\r\n";
    }

    /** One HTTP/1.1 response with a Content-Length body (all the edge sends for these requests). */
    private record Response(int status, Map<String, String> headers, byte[] body) {

        static Response read(InputStream in, boolean head) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = head || status == 304 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(status, headers, in.readNBytes(length));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-response after: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
