package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: cookies, no redirects followed, and form posts that carry the page's CSRF token. */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final CookieManager cookies;
    private final HttpClient http;
    private String csrf;

    private ConsoleClient(int port) {
        this(port, new CookieManager(), null);
    }

    private ConsoleClient(int port, CookieManager cookies, String csrf) {
        this.port = port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.csrf = csrf;
    }

    /** The same browser (cookies, last CSRF token) talking to another control plane, as behind a load balancer. */
    ConsoleClient at(int otherPort) {
        return new ConsoleClient(otherPort, cookies, csrf);
    }

    /** The value of the cookie {@code name} this browser holds, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    static ConsoleClient anonymous(int port) {
        return new ConsoleClient(port);
    }

    static ConsoleClient signedIn(int port, String username, String password) throws Exception {
        ConsoleClient client = new ConsoleClient(port);
        client.csrfFrom("/login");
        HttpResponse<String> login = client.post("/login", Map.of("username", username, "password", password));
        assertThat(login.headers().firstValue("Location").orElse("")).as("signed in").endsWith("/apps");
        client.csrfFrom("/apps");
        return client;
    }

    /** Takes the CSRF token from a page, as the browser's next form post would. */
    HttpResponse<String> csrfFrom(String page) throws Exception {
        HttpResponse<String> response = get(page);
        Matcher matcher = CSRF.matcher(response.body());
        assertThat(matcher.find()).as("a CSRF token on " + page).isTrue();
        csrf = matcher.group(1);
        return response;
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return send("POST", path, form);
    }

    HttpResponse<String> send(String method, String path, Map<String, String> form) throws Exception {
        return http.send(formRequest(method, path, form).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post as htmx sends it ({@code hx-post}): the page answers with a fragment instead of a redirect. */
    HttpResponse<String> htmxPost(String path, Map<String, String> form) throws Exception {
        return http.send(formRequest("POST", path, form).header("HX-Request", "true").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder formRequest(String method, String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrf);
        String body = fields.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** Follows a redirect answer to the page it names. */
    HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
        assertThat(redirect.statusCode()).as("a redirect").isEqualTo(302);
        return get(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawPath());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
