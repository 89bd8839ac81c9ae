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
 * each page land in e2e/target/screenshots. Also an app made with a git host token, and custom domains.
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
            // the click may return before the sign-in's redirect lands (seen in CI on a busy machine)
            browser.await(Duration.ofSeconds(15), driver -> driver.getCurrentUrl().endsWith("/apps"));

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
            // the app list follows a running build without a reload: htmx polls the same URL for the list alone
            browser.open(console + "/apps");
            assertThat(browser.find("#app-list").getAttribute("hx-trigger")).as("polls while a build runs")
                    .isEqualTo("every 2s");
            browser.await(Duration.ofMinutes(2), driver -> driver.findElement(By.id("app-list")).getText()
                    .contains("SUCCEED"));
            assertThat(browser.find("#app-list").getAttribute("hx-trigger")).as("stops when none runs").isNull();

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
            appWithAGitHostAndCustomDomains(browser, console, appId, api);
            // the Monitoring page draws its charts on the server and refreshes them through htmx
            browser.open(console + "/apps/" + appId);
            browser.click("#app-monitoring");
            assertThat(browser.driver.findElements(By.cssSelector("svg.chart polyline"))).hasSizeGreaterThanOrEqualTo(7);
            assertThat(browser.find("#traffic").getAttribute("hx-trigger")).isEqualTo("every 30s");
            assertThat(browser.find("#log-domain").getAttribute("value")).isEqualTo(host);
            browser.screenshots("15-monitoring");
            zipDroppedOnABranchPage(browser, console, api, stack.edgeUrl());
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
     * An app created with a git host and its access token (a refused one first comes back with the reason and without
     * the token); then the first app's Domains page: add example.test for main, see the TXT record to create, verify
     * now (nothing in DNS: still pending, or failed, with the reason), delete after typing the name. The branch page's
     * SSR compute log panel answers its refresh for a static branch with "no server output".
     */
    private static void appWithAGitHostAndCustomDomains(Browser browser, String console, String appId, Api api)
            throws Exception {
        String accessToken = "gt-" + UUID.randomUUID();
        browser.open(console + "/apps/new");
        browser.type("#name", "Connected site");
        browser.type("#repository", "https://gitea.example.test/site.git");
        browser.select("#provider", "Gitea / Forgejo");
        browser.type("#access-token", accessToken);
        browser.click("main button[type=submit]");
        assertThat(browser.text("#create-error")).contains("owner/name");
        assertThat(browser.find("#name").getAttribute("value")).isEqualTo("Connected site");
        assertThat(browser.driver.getPageSource()).doesNotContain(accessToken);
        assertThat(api.get("/api/v1/apps").json().path("apps").size()).as("no half-made app").isEqualTo(1);

        browser.type("#repository", "https://gitea.example.test/team/site.git");
        browser.type("#access-token", accessToken);
        browser.click("main button[type=submit]");
        assertThat(browser.text("#git-host")).contains("gitea").contains("team/site")
                .contains("****" + accessToken.substring(accessToken.length() - 4));
        assertThat(browser.driver.getPageSource()).doesNotContain(accessToken);
        String connectedId = browser.driver.getCurrentUrl().replaceAll(".*/apps/", "");
        assertThat(api.get("/api/v1/apps/" + connectedId + "/git-host").json().path("gitHost").path("provider")
                .asString()).isEqualTo("gitea");

        browser.open(console + "/apps/" + appId);
        browser.click("#app-domains");
        assertThat(browser.text("#no-domains")).isNotEmpty();
        browser.type("#domain-name", "example.test");
        browser.click("#add-domain-button");
        String domain = "[data-domain='example.test'] ";
        assertThat(browser.text(domain + ".badge")).isEqualTo("PENDING_VERIFICATION");
        assertThat(browser.text(domain + ".verification-record")).contains("example.test").contains("TXT");
        assertThat(browser.text(domain + ".subdomains")).contains("www.example.test").contains("main")
                .contains("CNAME");
        browser.click(domain + ".verify");
        assertThat(browser.text("#checked")).contains("example.test");
        assertThat(browser.text(domain + ".badge")).isIn("PENDING_VERIFICATION", "FAILED");
        assertThat(browser.text(domain + ".status-reason")).contains("TXT record");
        browser.screenshots("15-domains");

        browser.type(domain + "input[name=confirmName]", "example.test");
        browser.click(domain + "button.danger");
        assertThat(browser.text("#no-domains")).isNotEmpty();

        browser.open(console + "/apps/" + appId + "/branches/main");
        assertThat(browser.text("#no-compute-log")).as("a static site's branch has no server output")
                .isEqualTo("No server output yet.");
        browser.click("#refresh-compute-log");
        browser.await(Duration.ofSeconds(5), driver -> !driver.findElements(By.id("no-compute-log")).isEmpty());
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
        // the sign-out must land first: opened sooner, the invitation page can be replaced by the sign-out's /login
        browser.await(Duration.ofSeconds(10), driver -> driver.getCurrentUrl().contains("/login"));
        browser.open(link);
        browser.type("#username", "vera");
        browser.type("#password", "viewer-password-12");
        browser.screenshots("10-invitation");
        browser.click("main button[type=submit]");
        browser.awaitUrlEndingWith("/login?joined");
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

    /**
     * An app without a repository: a zip chosen on its branch page (the drop zone's file input, set as
     * DOM.setFileInputFiles would) is uploaded with progress, its job page opens and the site is live.
     */
    private void zipDroppedOnABranchPage(Browser browser, String console, Api api, String edge) throws Exception {
        String appId = api.post("/api/v1/apps", Map.of("name", "Zip site")).json().path("app").path("appId")
                .asString();
        api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
        Path zip = temp.resolve("site.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("index.html"));
            out.write("<h1>Dropped zip</h1>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        browser.open(console + "/apps/" + appId + "/branches/main");
        browser.find("#zip-file").sendKeys(zip.toString());
        browser.awaitUrlEndingWith("/apps/" + appId + "/branches/main/jobs/1");
        awaitJobEnds(browser);
        assertThat(browser.text("#job-status")).isEqualTo("SUCCEED");
        PushToLiveIntegrationTests.await(Duration.ofSeconds(10), () -> api.site(edge, "main." + appId + ".localhost",
                "/"), r -> r.body().contains("Dropped zip"));
    }

    private static void awaitJobEnds(Browser browser) {
        browser.await(Duration.ofMinutes(3), driver -> {
            String status = driver.findElement(By.id("job-status")).getText();
            return status.equals("SUCCEED") || status.equals("FAILED") || status.equals("CANCELLED");
        });
    }
}
