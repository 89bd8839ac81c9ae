package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The console in a real browser against the real stack: sign in, create an app, connect a branch, build it and
 * watch the log arrive, build again, roll back with one click and see the site change; CSRF refusal. Screenshots of
 * each page land in e2e/target/screenshots.
 */
class ConsoleBrowserIntegrationTests {

    private static final String PASSWORD = "console-test-password";

    @TempDir
    Path temp;

    @Test
    void signInCreateBuildAndRollBackInTheBrowser() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"));
             SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token,
                     Map.of("SLIPWAY_ADMIN_PASSWORD", PASSWORD));
             Browser browser = new Browser(temp.resolve("chromium"))) {
            RevCommit first = repo.commitPage("Console one");
            String console = stack.apiUrl();

            browser.open(console + "/apps");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
            browser.screenshot("01-login");
            browser.type("#username", "admin");
            browser.type("#password", "wrong password");
            browser.click("main button[type=submit]");
            assertThat(browser.text(".notice.error")).contains("do not match");
            browser.type("#username", "admin");
            browser.type("#password", PASSWORD);
            browser.click("main button[type=submit]");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/apps");

            browser.clickText("New app");
            browser.type("#name", "Browser site");
            browser.type("#repository", repo.url());
            browser.click("main button[type=submit]");
            assertThat(browser.text("#webhook-secret")).hasSizeGreaterThan(20);
            String appId = browser.driver.getCurrentUrl().replaceAll(".*/apps/", "");
            browser.screenshot("02-app");

            browser.type("input[name=branchName]", "main");
            browser.clickText("Connect branch");
            browser.screenshot("02-app-branch");
            browser.driver.findElement(By.linkText("main")).click();
            browser.click("#start-build");
            assertThat(browser.find("#log").getAttribute("data-stream")).as("the running job's log is streamed")
                    .contains("/log/stream");
            awaitJobEnds(browser);
            assertThat(browser.text("#job-status")).isEqualTo("SUCCEED");
            assertThat(browser.text("#log")).contains("# Executing command: mkdir -p dist");
            browser.screenshot("03-job");

            repo.commitPage("Console two");
            browser.driver.findElement(By.linkText("main")).click();
            browser.click("#start-build");
            awaitJobEnds(browser);
            assertThat(browser.text("#job-status")).isEqualTo("SUCCEED");

            Api api = new Api(stack.apiUrl(), token);
            String host = "main." + appId + ".localhost";
            PushToLiveIntegrationTests.await(Duration.ofSeconds(10), () -> api.site(stack.edgeUrl(), host, "/"),
                    r -> r.body().contains("Console two"));
            browser.driver.findElement(By.linkText("main")).click();
            assertThat(browser.driver.findElements(By.cssSelector("#deployments tbody tr"))).hasSize(2);
            browser.screenshot("04-branch");
            browser.clickText("Activate");
            Api.Response page = PushToLiveIntegrationTests.await(Duration.ofSeconds(10),
                    () -> api.site(stack.edgeUrl(), host, "/"), r -> r.body().contains("Console one"));
            assertThat(page.body()).contains("Console one");
            assertThat(browser.text("#deployments")).contains(first.name().substring(0, 7));

            browser.resize(390, 844);
            browser.screenshot("05-branch-phone");
            browser.open(console + "/apps");
            browser.screenshot("06-apps-phone");

            Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
            HttpResponse<String> forged = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(console + "/apps"))
                            .header("Cookie", "JSESSIONID=" + session.getValue())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("name=evil&repository=" + repo.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as("a form post without the CSRF token").isEqualTo(403);
            assertThat(api.get("/api/v1/apps").json().path("apps").size()).isEqualTo(1);

            browser.resize(1280, 900);
            settingsAndAnIncomingWebhook(browser, console, appId, api, stack.edgeUrl(), host);
            teamTokensAuditAndAViewer(browser, console, appId);
        }
    }

    /**
     * An env var and a secret set in the settings page (the secret never comes back in the HTML), a rule checked with
     * the tester, then an incoming webhook made on the app page starts a build that uses the new variable.
     */
    private static void settingsAndAnIncomingWebhook(Browser browser, String console, String appId, Api api,
            String edgeUrl, String host) throws Exception {
        String secret = "s3cret-" + UUID.randomUUID();
        browser.open(console + "/apps/" + appId);
        browser.click("#app-settings");
        browser.type("#variables", "GREETING=Hello from the console");
        browser.click("#save-env");
        assertThat(browser.text("#saved")).isNotEmpty();
        browser.type("#secret-name", "SITE_SECRET");
        browser.type("#secret-value", secret);
        browser.click("#save-secret");
        assertThat(browser.text("#secret-list")).contains("SITE_SECRET");
        assertThat(browser.driver.getPageSource()).doesNotContain(secret);
        browser.type("#rules-json", "[{\"source\": \"/old/<*>\", \"target\": \"/new/<*>\", \"status\": \"301\"}]");
        browser.click("#save-rules");
        browser.type("#test-url", "/old/page");
        browser.click("#run-test");
        assertThat(browser.text("#verdict")).contains("rule 1").contains("301").contains("/new/page");
        browser.screenshots("12-settings");

        browser.open(console + "/apps/" + appId);
        browser.type("#incoming-description", "CMS");
        browser.click("#create-incoming");
        String url = browser.text("#incoming-url");
        assertThat(url).contains("&token=");
        browser.screenshots("13-app");
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        PushToLiveIntegrationTests.await(Duration.ofMinutes(2), () -> api.site(edgeUrl, host, "/"),
                r -> r.body().contains("Hello from the console"));
        browser.open(console + "/apps/" + appId + "/branches/main/settings");
        assertThat(browser.text("#headers")).isNotEmpty();
        browser.screenshots("14-branch-settings");
    }

    /**
     * The owner invites a viewer and creates a developer API token; the audit log shows who did what; the viewer
     * joins through the link, sees no build or activate buttons, and the server refuses the form post anyway.
     */
    private static void teamTokensAuditAndAViewer(Browser browser, String console, String appId) throws Exception {
        browser.open(console + "/team");
        assertThat(browser.text("#members")).contains("admin").contains("Owner");
        browser.type("#invite-email", "viewer@example.test");
        browser.select("#invite-role", "Viewer");
        browser.click("#invite");
        String link = browser.text("#invitation-link");
        assertThat(link).contains("/invitations/");
        browser.screenshots("07-team");

        browser.open(console + "/tokens");
        browser.type("#token-name", "ci");
        browser.select("#token-role", "Developer");
        browser.click("#create-token");
        String token = browser.text("#new-token");
        assertThat(browser.text("#tokens")).contains("ci").contains("Developer").doesNotContain(token);
        browser.screenshots("08-tokens");
        Api developer = new Api(console, token);
        assertThat(developer.get("/api/v1/apps").status()).isEqualTo(200);
        Api.Response refused = developer.post("/api/v1/apps", Map.of("name", "x", "repository", "https://x.test/r.git"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("admin role or higher");

        browser.open(console + "/audit");
        assertThat(browser.text("#audit")).contains("SIGN-IN FAILED").contains("POST /tokens")
                .contains("POST /team/invitations")
                .contains("POST /apps/" + appId + "/branches");
        browser.screenshots("09-audit");

        browser.clickText("Sign out");
        browser.open(link);
        browser.type("#username", "vera");
        browser.type("#password", "viewer-password-12");
        browser.screenshots("10-invitation");
        browser.click("main button[type=submit]");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?joined");
        browser.type("#username", "vera");
        browser.type("#password", "viewer-password-12");
        browser.click("main button[type=submit]");
        assertThat(browser.text("#my-role")).isEqualTo("Viewer");

        browser.driver.findElement(By.linkText("Browser site")).click();
        browser.driver.findElement(By.linkText("main")).click();
        assertThat(browser.driver.findElements(By.id("start-build"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Activate']"))).isEmpty();
        browser.screenshots("11-branch-viewer");

        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(browser.driver.getPageSource());
        assertThat(csrf.find()).isTrue();
        Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> build = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(console + "/apps/" + appId + "/branches/main/jobs"))
                        .header("Cookie", "JSESSIONID=" + session.getValue())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(build.statusCode()).as("a viewer's build request with a valid CSRF token").isEqualTo(403);
        assertThat(build.body()).contains("developer role or higher");
    }

    private static void awaitJobEnds(Browser browser) {
        browser.await(Duration.ofMinutes(3), driver -> {
            String status = driver.findElement(By.id("job-status")).getText();
            return status.equals("SUCCEED") || status.equals("FAILED") || status.equals("CANCELLED");
        });
    }
}
