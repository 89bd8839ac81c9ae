package dev.slipway.e2e.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the console without a browser: a cookie jar, the CSRF token from the page's form, and form
 * posts. Redirects are not followed, so a test reads where sign-in sends it. Extra headers (X-Forwarded-For/-Proto)
 * stand for a trusted proxy in front of the control plane: the stack's processes and the tests share loopback.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String baseUrl;

    public ConsoleSession(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    private ConsoleSession(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** The same browser (cookie jar) talking to another control plane of the installation. */
    public ConsoleSession at(String otherBaseUrl) {
        return new ConsoleSession(otherBaseUrl, http);
    }

    /** The admin, signed in from loopback (password from the data directory, as {@code slipway up} prints it). */
    static ConsoleSession admin() throws Exception {
        ConsoleSession session = new ConsoleSession(SecurityStack.get().apiUrl());
        String password = java.nio.file.Files.readString(SecurityStack.get().dataDir.resolve("admin-password")).trim();
        HttpResponse<String> signedIn = session.signIn("admin", password, Map.of());
        if (!signedIn.headers().firstValue("Location").orElse("").endsWith("/apps")) {
            throw new IllegalStateException("admin did not sign in: " + signedIn.headers().map());
        }
        return session;
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The CSRF token of the form on {@code page}, read as a browser gets it (the session cookie is set here). */
    public String csrf(String page) throws IOException, InterruptedException {
        Matcher matcher = CSRF.matcher(get(page, Map.of()).body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return matcher.group(1);
    }

    public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST /login as the form does; the answer's Location says /apps, /login?error or /login?locked. */
    public HttpResponse<String> signIn(String username, String password, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post("/login", Map.of("username", username, "password", password, "_csrf", csrf("/login")), headers);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(no Location; status " + response.statusCode() + ")");
    }
}
