package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.UserAccounts;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's Domains page, new-app form with a git host token, and branch compute-log panel call the same services
 * as the API: what they change the API reads back, a token never comes back in HTML, each role sees only the
 * buttons it may use.
 */
class ConsoleDomainsAndAppsIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String PASSWORD = "domains-console-password";

    @Autowired
    UserAccounts users;

    private String appId;

    @BeforeEach
    void anApp() throws Exception {
        appId = createAppWithBranch("main", null);
    }

    private ConsoleClient member(String role) throws Exception {
        String name = "domains-" + role.toLowerCase() + "-" + System.nanoTime();
        users.create(name, null, PASSWORD, role);
        return ConsoleClient.signedIn(port, name, PASSWORD);
    }

    @Test
    void addVerifyAndDeleteADomainWithTheButtonsEachRoleMayUse() throws Exception {
        ConsoleClient admin = member("ADMIN");
        String domain = "d" + System.nanoTime() + ".example.test";
        String page = "/apps/" + appId + "/domains";
        HttpResponse<String> refused = admin.follow(admin.post(page,
                Map.of("domainName", "nodots", "prefix", "", "branch", "main")));
        assertThat(refused.body()).contains("id=\"add-error\"").contains("is not a domain name");

        HttpResponse<String> added = admin.follow(admin.post(page,
                Map.of("domainName", domain, "prefix", "www", "branch", "main")));
        assertThat(added.body()).contains("data-domain=\"" + domain + "\"").contains("PENDING_VERIFICATION")
                .contains("www." + domain).contains(" TXT ");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/domains/" + domain, null).json()
                .path("domainAssociation").path("subDomains").get(0).path("subDomainSetting").path("prefix")
                .asString()).isEqualTo("www");

        String viewerPage = member("VIEWER").get(page).body();
        assertThat(viewerPage).contains(domain).doesNotContain("class=\"verify").doesNotContain("confirmName")
                .doesNotContain("id=\"add-domain\"");
        String developerPage = member("DEVELOPER").get(page).body();
        assertThat(developerPage).contains("class=\"verify").doesNotContain("confirmName");

        admin.follow(admin.post(page + "/" + domain + "/delete", Map.of("confirmName", "other.example.test")));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/domains/" + domain, null).status()).isEqualTo(200);
        admin.follow(admin.post(page + "/" + domain + "/delete", Map.of("confirmName", domain)));
        assertThat(api("GET", "/api/v1/apps/" + appId + "/domains/" + domain, null).status()).isEqualTo(404);
    }

    @Test
    void aNewAppWithAGitHostTokenStoresTheConnectionAndNeverShowsTheToken() throws Exception {
        ConsoleClient admin = member("ADMIN");
        String token = "tok-" + System.nanoTime();
        String name = "connected-" + System.nanoTime();
        HttpResponse<String> refused = admin.post("/apps", Map.of("name", name,
                "repository", "https://git.example.test/team/site.git", "provider", "svn", "token", token));
        assertThat(refused.body()).contains("id=\"create-error\"")
                .contains("must be one of [github, gitlab, gitea, bitbucket]")
                .doesNotContain(token);
        assertThat(api("GET", "/api/v1/apps", null).body()).as("no app without its connection").doesNotContain(name);

        HttpResponse<String> created = admin.post("/apps", Map.of("name", name,
                "repository", "https://git.example.test/team/site.git", "provider", "gitlab", "token", token));
        String location = created.headers().firstValue("Location").orElseThrow();
        String connectedId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(admin.follow(created).body()).contains("id=\"git-host\"")
                .contains("****" + token.substring(token.length() - 4)).doesNotContain(token);
        assertThat(api("GET", "/api/v1/apps/" + connectedId + "/git-host", null).json().path("gitHost")
                .path("provider").asString()).isEqualTo("gitlab");
    }

    @Test
    void aViewerReadsTheBranchComputeLogPanel() throws Exception {
        ConsoleClient viewer = member("VIEWER");
        assertThat(viewer.get("/apps/" + appId + "/branches/main").body()).contains("id=\"compute-logs\"")
                .contains("No server output yet.");
        HttpResponse<String> refreshed = viewer.get("/apps/" + appId + "/branches/main/compute-logs");
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).startsWith("<section").contains("No server output yet.");
    }
}
