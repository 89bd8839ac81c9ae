package dev.slipway.protocol.blob;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.net.Backoff;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of {@link ControlPlaneBlobStore}: a path ({@code /...}) goes to the control plane with the bearer
 * token, an absolute URL (presigned by the store) goes out as is, never with the token. Connection errors, 5xx and
 * 429 are retried with backoff for a while, so a control plane restart or a store hiccup does not fail a build; other
 * answers are the caller's. Thread-safe.
 */
final class BlobHttp implements AutoCloseable {

    static final JsonMapper JSON = JsonMappers.LENIENT;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    /** Until an answer's headers arrive; a hung connection is then retried instead of holding a build forever. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** The same for an upload, whose whole body goes out before the answer (2 GB on a slow link). */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final String baseUrl;
    private final String token;
    private final Duration retryFor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    BlobHttp(URI controlPlaneUrl, String token, Duration retryFor) {
        String url = controlPlaneUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.retryFor = retryFor;
    }

    /** A request to a control plane path (with the token) or to an absolute, presigned URL (without it). */
    HttpRequest.Builder request(String pathOrUrl) {
        if (!pathOrUrl.startsWith("/")) {
            return HttpRequest.newBuilder(URI.create(pathOrUrl)).timeout(CALL_TIMEOUT);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathOrUrl)).timeout(CALL_TIMEOUT);
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Sends until an answer other than 5xx/429 arrives or {@code retryFor} has passed; the request is built anew for
     * each attempt (bodies are re-read).
     */
    <T> HttpResponse<T> send(Request request, HttpResponse.BodyHandler<T> body) throws IOException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Backoff backoff = new Backoff(FIRST_PAUSE, MAX_PAUSE);
        // a retried answer's body is dropped unread: for a stream that also releases the connection
        HttpResponse.BodyHandler<T> unlessRetried = info -> retried(info.statusCode())
                ? HttpResponse.BodySubscribers.<T>replacing(null) : body.apply(info);
        while (true) {
            HttpRequest attempt = request.build();
            String failure;
            IOException cause = null;
            try {
                HttpResponse<T> response = http.send(attempt, unlessRetried);
                if (!retried(response.statusCode())) {
                    return response;
                }
                failure = "HTTP " + response.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during " + describe(attempt));
            } catch (IOException e) {
                failure = e.toString();
                cause = e;
            }
            Duration pause = backoff.next();
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new IOException(describe(attempt) + " failed for " + retryFor.toSeconds() + " s; last: "
                        + failure, cause);
            }
            sleep(pause, attempt);
        }
    }

    /** Builds one attempt's request; may open the file its body comes from. */
    interface Request {
        HttpRequest build() throws IOException;
    }

    private static boolean retried(int status) {
        return status >= 500 || status == 429;
    }

    private static void sleep(Duration pause, HttpRequest attempt) throws InterruptedIOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while retrying " + describe(attempt));
        }
    }

    /** An answer the caller did not expect, as an exception a person can act on. */
    static IOException unexpected(HttpRequest request, int status, Object body) {
        String what = describe(request) + " answered HTTP " + status;
        if (request.uri().getQuery() == null && (status == 401 || status == 403)) {
            what += " (check the runner or edge token this process was given)";
        }
        String detail = detail(body);
        return new IOException(detail.isEmpty() ? what : what + ": " + detail);
    }

    /** A problem+json's {@code detail}, else the start of the body; empty without one. */
    static String detail(Object body) {
        String text = switch (body) {
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            case null, default -> "";
        };
        if (text.startsWith("{")) {
            try {
                JsonNode detail = JSON.readTree(text).path("detail");
                if (detail.isString()) {
                    return detail.asString();
                }
            } catch (RuntimeException notJson) {
                // shown as text below
            }
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /** Method and URL without the query, which for a presigned URL holds the signature. */
    static String describe(HttpRequest request) {
        URI uri = request.uri();
        return request.method() + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
    }

    @Override
    public void close() {
        http.close();
    }
}
