package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Console pages need a session, forms need the CSRF token, and password guessing is throttled per user name. */
class ConsoleSecurityIntegrationTests extends ControlPlaneIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void pagesNeedASignedInUser() throws Exception {
        HttpResponse<String> apps = get("/apps");
        assertThat(apps.statusCode()).isEqualTo(302);
        assertThat(apps.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(get("/login").statusCode()).isEqualTo(200);
        assertThat(get("/css/console.css").statusCode()).isEqualTo(200);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        assertThat(post("/login", "username=admin&password=whatever").statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailuresLockTheUserNameForAWhile() throws Exception {
        String user = "guess-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = post("/login", "username=" + user + "&password=wrong&_csrf=" + csrf());
            assertThat(failed.headers().firstValue("Location").orElse("")).contains("/login?");
        }
        HttpResponse<String> locked = post("/login", "username=" + user + "&password=wrong&_csrf=" + csrf());
        assertThat(locked.headers().firstValue("Location").orElse("")).endsWith("/login?locked");
    }

    @Test
    void theAppPageListsTheWebhookUrlOfEveryGitHost() throws Exception {
        String appId = createAppWithBranch("main", null);
        String password = java.nio.file.Files.readString(DATA_DIR.resolve("admin-password")).trim();
        HttpResponse<String> signedIn = post("/login", "username=admin&password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + csrf());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/apps");
        String page = get("/apps/" + appId).body();
        for (String host : new String[] {"github", "gitlab", "gitea", "bitbucket"}) {
            assertThat(page).contains("/hooks/" + host + "/" + appId + "</code>");
        }
        assertThat(page).contains("id=\"webhook-url\"", "Bitbucket webhook");
        assertThat(api("GET", "/api/v1/apps/" + appId, null).json().path("app").path("webhookUrls")
                .path("gitlab").asString()).endsWith("/hooks/gitlab/" + appId);
    }

    private String csrf() throws Exception {
        Matcher matcher = CSRF.matcher(get("/login").body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
