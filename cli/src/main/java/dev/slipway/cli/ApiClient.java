package dev.slipway.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls to one Slipway's public API with a bearer token: JSON in and out, RFC 9457 refusals turned into
 * {@link ApiException}s that carry the server's detail, a log followed as server-sent events, and an upload with
 * progress. A server that cannot be reached is an {@link UnreachableException}.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    ApiClient(CliConfig config) {
        this.base = config.url();
        this.token = config.token();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A path segment as the API expects it: branch names with '/' are sent encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** @param body a record, map or JsonNode sent as JSON; null sends no body */
    JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = call(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    String text(String path) {
        return call(request(path).header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Receives server-sent events until it returns false or the server ends the stream. */
    interface EventListener {
        boolean onEvent(String name, String data);
    }

    void events(String path, EventListener listener) {
        HttpResponse<InputStream> response = call(request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null && !listener.onEvent(name, data.toString())) {
                        return;
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            throw new UnreachableException("The log stream from " + base + " broke off: " + e.getMessage());
        }
    }

    /**
     * PUTs a file to an upload URL the API handed out. The bearer token goes along only to the API's own origin: an
     * upload URL is signed by itself and may point at a blob store.
     */
    void upload(URI target, Path file, String contentType, LongConsumer progress) {
        URI resolved = base.resolve(target);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolved).timeout(Duration.ofHours(8))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> counting(file, progress)), size));
        if (sameOrigin(resolved)) {
            request.header("Authorization", "Bearer " + token);
        }
        call(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getHost(), base.getHost())
                && uri.getPort() == base.getPort();
    }

    private static InputStream counting(Path file, LongConsumer progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        sent += read;
                        progress.accept(sent);
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("User-Agent", "slipway-cli");
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> response;
        try {
            response = http.send(request, body);
        } catch (IOException e) {
            throw new UnreachableException("Could not reach " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + ": " + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("Interrupted");
        }
        if (response.statusCode() >= 400) {
            throw refusal(response);
        }
        return response;
    }

    private static ApiException refusal(HttpResponse<?> response) {
        String text = switch (response.body()) {
            case String s -> s;
            case InputStream in -> {
                try (in) {
                    yield new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    yield "";
                }
            }
            default -> "";
        };
        String message = "HTTP " + response.statusCode();
        try {
            JsonNode problem = JSON.readTree(text);
            String title = problem.path("title").asString("");
            String detail = problem.path("detail").asString("");
            message += (title.isEmpty() ? "" : " " + title) + (detail.isEmpty() ? "" : ": " + detail);
        } catch (RuntimeException notJson) {
            message += text.isBlank() ? "" : ": " + text.strip();
        }
        return new ApiException(response.statusCode(), message);
    }
}
