package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Members, invitations, API tokens and the audit log through the API, on a real PostgreSQL: an invitation link works
 * once, a token never outranks its member (demoting the member demotes the token), the last owner stays owner, and
 * every change lands in the audit log with who made it.
 */
class TeamIntegrationTests extends ControlPlaneIntegrationTest {

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    private String owner;
    private String ownerToken;

    @BeforeEach
    void anOwner() {
        owner = "owner-" + System.nanoTime();
        users.create(owner, null, "owner-password-long", "OWNER");
        ownerToken = tokens.create(new Me(owner, Role.OWNER, null), "tests", Role.OWNER).token();
    }

    @Test
    void anInvitationLinkCreatesTheMemberOnceWithTheInvitedRole() throws Exception {
        Response invited = call("POST", "/api/v1/team/invitations", ownerToken,
                Map.of("email", "dev@example.test", "role", "developer"), Map.of());
        assertThat(invited.status()).isEqualTo(201);
        String link = invited.json().path("link").asString();
        String path = URI.create(link).getPath();
        assertThat(path).startsWith("/invitations/");

        String username = "dev-" + System.nanoTime();
        assertThat(accept(path, username, "short").statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = accept(path, username, "a-long-enough-password");
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location").orElse("")).endsWith("/login?joined");
        assertThat(users.roleOf(username)).contains(Role.DEVELOPER);
        assertThat(accept(path, username + "-again", "a-long-enough-password").statusCode()).isEqualTo(404);

        JsonNode members = call("GET", "/api/v1/team/members", ownerToken, null, Map.of()).json().path("members");
        assertThat(members.toString()).contains(username).contains("dev@example.test");

        JsonNode joined = call("GET", "/api/v1/audit-events?actor=" + username, ownerToken, null, Map.of()).json()
                .path("auditEvents");
        assertThat(joined).as("one acceptance; the refused tries made no member").hasSize(1);
        assertThat(joined.get(0).path("action").asString()).isEqualTo("ACCEPT INVITATION");
        assertThat(joined.get(0).path("target").asString()).startsWith("/team/invitations/")
                .doesNotContain(path.substring("/invitations/".length()));
        assertThat(joined.get(0).path("address").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void aTokenNeverOutranksItsMemberAndGoesWithThem() throws Exception {
        String dev = "dev-" + System.nanoTime();
        users.create(dev, null, "dev-password-long", "DEVELOPER");
        String devToken = tokens.create(new Me(dev, Role.DEVELOPER, null), "ci", Role.DEVELOPER).token();

        Response above = call("POST", "/api/v1/tokens", devToken, Map.of("name", "x", "role", "admin"), Map.of());
        assertThat(above.status()).isEqualTo(403);
        Response viewer = call("POST", "/api/v1/tokens", devToken, Map.of("name", "read-only", "role", "viewer"),
                Map.of());
        assertThat(viewer.status()).isEqualTo(201);
        assertThat(viewer.json().path("token").path("role").asString()).isEqualTo("VIEWER");
        String viewerToken = viewer.json().path("value").asString();

        String appId = createAppWithBranch("main", null);
        String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
        assertThat(call("POST", jobs, viewerToken, Map.of(), Map.of()).status()).isEqualTo(403);
        assertThat(call("POST", jobs, devToken, Map.of(), Map.of()).status()).isEqualTo(201);

        assertThat(call("PATCH", "/api/v1/team/members/" + dev, ownerToken, Map.of("role", "viewer"), Map.of())
                .status()).isEqualTo(200);
        assertThat(call("POST", jobs, devToken, Map.of(), Map.of()).status()).as("demoted with its member")
                .isEqualTo(403);
        assertThat(call("GET", jobs, devToken, null, Map.of()).status()).isEqualTo(200);

        assertThat(call("DELETE", "/api/v1/team/members/" + dev, ownerToken, null, Map.of()).status()).isEqualTo(200);
        assertThat(call("GET", jobs, devToken, null, Map.of()).status()).as("removed with its member").isEqualTo(401);
    }

    @Test
    void tokensAreListedWithoutTheirValueAndCanBeRevoked() throws Exception {
        Response created = call("POST", "/api/v1/tokens", ownerToken, Map.of("name", "deploy-bot"), Map.of());
        String value = created.json().path("value").asString();
        long id = created.json().path("token").path("tokenId").asLong();
        Response list = call("GET", "/api/v1/tokens", ownerToken, null, Map.of());
        assertThat(list.body()).contains("deploy-bot").doesNotContain(value);
        assertThat(call("GET", "/api/v1/apps", value, null, Map.of()).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/tokens/" + id, ownerToken, null, Map.of()).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/apps", value, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() throws Exception {
        for (JsonNode member : call("GET", "/api/v1/team/members", ownerToken, null, Map.of()).json().path("members")) {
            String name = member.path("username").asString();
            if (member.path("role").asString().equals("OWNER") && !name.equals(owner)) {
                call("PATCH", "/api/v1/team/members/" + name, ownerToken, Map.of("role", "admin"), Map.of());
            }
        }
        Response demote = call("PATCH", "/api/v1/team/members/" + owner, ownerToken, Map.of("role", "admin"), Map.of());
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("detail").asString()).contains("only owner");
        assertThat(call("DELETE", "/api/v1/team/members/" + owner, ownerToken, null, Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void changesAreAuditedWithWhoAndWhatButReadsAndBodiesAreNot() throws Exception {
        String appId = createAppWithBranch("main", null);
        call("PUT", "/api/v1/apps/" + appId + "/secrets/API_KEY", ownerToken, Map.of("value", "s3cr3t-audit"), Map.of());
        call("GET", "/api/v1/apps/" + appId, ownerToken, null, Map.of());
        Response viewerTry = call("POST", "/api/v1/team/invitations", tokens.create(
                new Me(owner, Role.OWNER, null), "weak", Role.VIEWER).token(), Map.of("email", "x@y.z"), Map.of());
        assertThat(viewerTry.status()).isEqualTo(403);

        Response audit = call("GET", "/api/v1/audit-events?target=" + URLEncoder.encode(appId, StandardCharsets.UTF_8),
                ownerToken, null, Map.of());
        assertThat(audit.status()).isEqualTo(200);
        JsonNode events = audit.json().path("auditEvents");
        assertThat(events).as("connecting the branch and setting the secret; not the read").hasSize(2);
        JsonNode secret = events.get(0);
        assertThat(secret.path("actor").asString()).isEqualTo(owner + " (token tests)");
        assertThat(secret.path("action").asString()).isEqualTo("PUT /api/v1/apps/{appId}/secrets/{name}");
        assertThat(secret.path("via").asString()).isEqualTo("API");
        assertThat(secret.path("status").asInt()).isEqualTo(200);
        assertThat(secret.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(audit.body()).doesNotContain("s3cr3t-audit");
        assertThat(events.get(1).path("actor").asString()).isEqualTo("installation (token bootstrap)");

        JsonNode refused = call("GET", "/api/v1/audit-events?actor=" + owner + "&target=/team/invitations", ownerToken,
                null, Map.of()).json().path("auditEvents");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path("status").asInt()).isEqualTo(403);
    }

    @Test
    void signInsAndFailedSignInsAreAuditedWithTheirAddress() throws Exception {
        String name = "audited-" + System.nanoTime();
        users.create(name, null, "audited-password-long", "VIEWER");
        ConsoleClient guess = ConsoleClient.anonymous(port);
        guess.csrfFrom("/login");
        guess.post("/login", Map.of("username", name, "password", "wrong"));
        ConsoleClient.signedIn(port, name, "audited-password-long");

        JsonNode events = call("GET", "/api/v1/audit-events?actor=" + name, ownerToken, null, Map.of()).json()
                .path("auditEvents");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("action").asString()).isEqualTo("SIGN-IN");
        assertThat(events.get(1).path("action").asString()).isEqualTo("SIGN-IN FAILED");
        assertThat(events.get(1).path("address").asString()).isEqualTo("127.0.0.1");
    }

    private HttpResponse<String> accept(String path, String username, String password) throws Exception {
        ConsoleClient browser = ConsoleClient.anonymous(port);
        HttpResponse<String> page = browser.get(path);
        if (page.statusCode() != 200) {
            return page;
        }
        browser.csrfFrom(path);
        return browser.post(path, Map.of("username", username, "password", password));
    }
}
