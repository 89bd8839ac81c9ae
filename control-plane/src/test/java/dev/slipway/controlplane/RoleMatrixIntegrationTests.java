package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint Slipway maps and calls it as a viewer, developer, admin and owner (API token and console
 * session): roles below the endpoint's rule get 403 (problem+json from the API, a page from the console), the others
 * get past the role check. The expected rules are written out here, independently of the annotations, and an
 * endpoint missing from this table fails the test, so nobody adds an endpoint without deciding who may call it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIntegrationTests extends ControlPlaneIntegrationTest {

    /** Endpoints outside team roles; without their own credential they must not answer 2xx. */
    private static final Role EXEMPT = null;

    private static final Map<String, Role> RULES = new TreeMap<>();

    static {
        String app = "/api/v1/apps/{appId}";
        String branch = app + "/branches/{branchName}";
        rule(Role.VIEWER, "GET /api/v1/apps", "GET " + app, "GET " + app + "/branches", "GET " + branch,
                "GET " + branch + "/jobs", "GET " + branch + "/jobs/{jobId}", "GET " + branch + "/jobs/{jobId}/logs",
                "GET " + branch + "/jobs/{jobId}/logs/stream", "GET " + branch + "/jobs/{jobId}/test-artifacts",
                "GET " + branch + "/jobs/{jobId}/test-artifacts/{*path}",
                "GET " + branch + "/deployments", "GET " + app + "/secrets", "GET " + branch + "/secrets",
                "GET " + app + "/webhooks", "GET " + app + "/webhooks/{webhookId}", "GET " + app + "/webhook-deliveries",
                "GET " + app + "/git-host", "GET " + app + "/git-host/calls", "GET " + app + "/notifications",
                "GET " + app + "/notifications/deliveries", "GET " + app + "/domains",
                "GET " + app + "/domains/{domainName}", "GET " + branch + "/compute-logs", "GET " + app + "/firewall",
                "POST " + app + "/accesslogs", "GET /api/v1/team/members", "GET /api/v1/tokens", "POST /api/v1/tokens",
                "DELETE /api/v1/tokens/{tokenId}");
        rule(Role.DEVELOPER, "POST " + branch + "/jobs", "POST " + branch + "/jobs/{jobId}/stop",
                "POST " + branch + "/deployments/{deploymentId}/activate",
                "POST " + branch + "/deployments", "POST " + branch + "/deployments/start",
                "POST " + app + "/domains/{domainName}/verify");
        rule(Role.ADMIN, "POST /api/v1/apps", "PATCH " + app, "DELETE " + app, "POST " + app + "/branches",
                "PATCH " + branch, "DELETE " + branch, "PUT " + app + "/secrets/{name}",
                "DELETE " + app + "/secrets/{name}", "PUT " + branch + "/secrets/{name}",
                "DELETE " + branch + "/secrets/{name}", "POST " + app + "/webhooks",
                "DELETE " + app + "/webhooks/{webhookId}", "GET /api/v1/audit-events", "PUT " + app + "/git-host",
                "PUT " + app + "/notifications",
                "DELETE " + app + "/git-host", "POST " + app + "/domains", "POST " + app + "/domains/{domainName}",
                "PATCH " + app + "/domains/{domainName}", "DELETE " + app + "/domains/{domainName}",
                "PUT " + app + "/domains/{domainName}/certificate", "PUT " + app + "/firewall",
                "GET " + app + "/bypass-tokens", "POST " + app + "/bypass-tokens",
                "DELETE " + app + "/bypass-tokens/{id}");
        rule(Role.OWNER, "PATCH /api/v1/team/members/{username}", "DELETE /api/v1/team/members/{username}",
                "GET /api/v1/team/invitations", "POST /api/v1/team/invitations",
                "DELETE /api/v1/team/invitations/{invitationId}");

        String page = "/apps/{appId}/branches/{branchName}";
        rule(Role.VIEWER, "GET /", "GET /apps", "GET /apps/{appId}", "GET " + page, "GET " + page + "/jobs/{jobId}",
                "GET " + page + "/jobs/{jobId}/log.txt",
                "GET " + page + "/jobs/{jobId}/log/stream", "GET /team", "GET /tokens", "POST /tokens",
                "POST /tokens/{tokenId}/revoke", "GET /apps/{appId}/settings", "GET " + page + "/settings",
                "GET /apps/{appId}/domains", "GET " + page + "/compute-logs",
                "GET /apps/{appId}/notifications", "GET /apps/{appId}/monitoring",
                "POST /apps/{appId}/monitoring/access-logs", "GET /protection/authorize");
        rule(Role.DEVELOPER, "POST " + page + "/jobs", "POST " + page + "/jobs/{jobId}/stop",
                "POST " + page + "/deployments", "POST " + page + "/deployments/start",
                "POST " + page + "/deployments/{deploymentId}/activate",
                "POST /apps/{appId}/domains/{domainName}/verify");
        rule(Role.ADMIN, "GET /apps/new", "POST /apps", "POST /apps/{appId}/branches", "GET /audit",
                "POST /apps/{appId}/domains", "POST /apps/{appId}/domains/{domainName}/delete",
                "POST /apps/{appId}/notifications", "POST /apps/{appId}/notifications/{index}/delete",
                "POST /apps/{appId}/settings/bypass-tokens", "POST /apps/{appId}/settings/bypass-tokens/{id}/revoke");
        for (String settings : List.of("/apps/{appId}/settings", page + "/settings")) {
            rule(Role.ADMIN, "POST " + settings + "/environment", "POST " + settings + "/secrets",
                    "POST " + settings + "/secrets/{name}/delete", "POST " + settings + "/access",
                    "POST " + settings + "/delete");
        }
        rule(Role.ADMIN, "POST " + page + "/settings/switches", "POST /apps/{appId}/settings/build-spec",
                "POST /apps/{appId}/settings/auto-branching",
                "POST /apps/{appId}/settings/rules", "POST /apps/{appId}/settings/headers",
                "POST /apps/{appId}/incoming-webhooks",
                "POST /apps/{appId}/incoming-webhooks/{webhookId}/delete");
        rule(Role.OWNER, "POST /team/invitations", "POST /team/invitations/{invitationId}/revoke",
                "POST /team/members/{username}/role", "POST /team/members/{username}/remove");

        rule(EXEMPT, "GET /login", "GET /invitations/{token}", "POST /invitations/{token}", "POST /runner/v1/lease",
                "POST /runner/v1/jobs/{jobId}/heartbeat", "POST /runner/v1/jobs/{jobId}/logs",
                "POST /runner/v1/jobs/{jobId}/steps", "POST /runner/v1/jobs/{jobId}/complete", "GET /edge/v1/routes",
                "POST /runner/v1/compute/heartbeat", "GET /runner/v1/compute/deployments/{deploymentId}",
                "POST /hooks/{provider}/{appId}", "POST /webhooks", "POST /runner/v1/blobs/missing",
                "PUT /runner/v1/blobs/{key}", "GET /runner/v1/blobs/{key}", "HEAD /runner/v1/blobs/{key}",
                "GET /edge/v1/blobs/{key}", "HEAD /edge/v1/blobs/{key}", "GET /edge/v1/tls-key",
                "POST /edge/v1/access-logs", "GET /access-log-downloads/{appId}",
                "PUT /uploads/manual-deploys/{uploadId}");
    }

    /** Endpoints without a rule (UnruledEndpoint, a test fixture): closed to every role. */
    private static final Role NOBODY = null;

    static {
        RULES.put("GET " + UnruledEndpoint.PATH, NOBODY);
    }

    /** Exempt endpoints that anyone may open: the pages before sign-in. */
    private static final Set<String> PUBLIC = Set.of("GET /login");

    private static final String PASSWORD = "matrix-password-long-enough";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    private final Map<Role, String> apiTokens = new EnumMap<>(Role.class);
    private final Map<Role, ConsoleClient> sessions = new EnumMap<>(Role.class);

    private static void rule(Role role, String... endpoints) {
        for (String endpoint : endpoints) {
            RULES.put(endpoint, role);
        }
    }

    @BeforeAll
    void membersOfEachRole() throws Exception {
        for (Role role : Role.values()) {
            String username = "matrix-" + role.name().toLowerCase() + "-" + System.nanoTime();
            users.create(username, null, PASSWORD, role.name());
            apiTokens.put(role, tokens.create(new Me(username, role, null), "matrix", role).token());
            sessions.put(role, ConsoleClient.signedIn(port, username, PASSWORD));
        }
    }

    @Test
    void everyEndpointHasARuleAndEachRoleGetsTheAnswerTheRuleGives() throws Exception {
        List<String> unruled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        // a path answered by two methods by content negotiation (GET …/logs: text or text/event-stream) counts once
        Set<String> checked = new java.util.TreeSet<>();
        for (String endpoint : MappedEndpoints.of(mappings)) {
            if (!RULES.containsKey(endpoint)) {
                unruled.add(endpoint);
                continue;
            }
            checked.add(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = MappedEndpoints.concrete(endpoint.substring(endpoint.indexOf(' ') + 1), "999999", "matrix-none");
            Role required = RULES.get(endpoint);
            if (endpoint.equals("GET " + UnruledEndpoint.PATH)) {
                for (Role role : Role.values()) {
                    if (asApi(role, method, path).status() != 403) {
                        wrong.add(endpoint + " without a rule answered " + role + " with something but 403");
                    }
                }
                continue;
            }
            if (required == EXEMPT) {
                int status = call(method, path, null, method.equals("GET") ? null : "{}", Map.of()).status();
                if (!PUBLIC.contains(endpoint) && status < 400) {
                    wrong.add(endpoint + " answered " + status + " without its credential");
                }
                continue;
            }
            for (Role role : Role.values()) {
                Response answer = path.startsWith("/api/") ? asApi(role, method, path) : asConsole(role, method, path);
                String problem = verdict(role, required, path.startsWith("/api/"), answer);
                if (problem != null) {
                    wrong.add(endpoint + " as " + role + ": " + problem);
                }
            }
        }
        assertThat(unruled).as("endpoints without a rule in this test").isEmpty();
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(RULES.keySet());
    }

    @Test
    void aRefusalSaysWhichRoleIsNeeded() throws Exception {
        Response api = asApi(Role.VIEWER, "POST", "/api/v1/apps");
        assertThat(api.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.json().path("detail").asString()).contains("admin role or higher");
        Response page = asConsole(Role.DEVELOPER, "GET", "/apps/new");
        assertThat(page.body()).contains("id=\"error-message\"").contains("admin role or higher");
    }

    @Test
    void viewersSeeNoButtonsTheyCannotUse() throws Exception {
        String appId = createAppWithBranch("main", null);
        Response branch = asConsole(Role.VIEWER, "GET", "/apps/" + appId + "/branches/main");
        assertThat(branch.status()).isEqualTo(200);
        assertThat(branch.body()).doesNotContain("id=\"start-build\"");
        assertThat(asConsole(Role.DEVELOPER, "GET", "/apps/" + appId + "/branches/main").body())
                .contains("id=\"start-build\"");
        assertThat(asConsole(Role.VIEWER, "GET", "/apps").body()).doesNotContain("/apps/new");
        assertThat(asConsole(Role.ADMIN, "GET", "/apps").body()).contains("/apps/new");
    }

    private static String verdict(Role role, Role required, boolean api, Response answer) {
        boolean allowed = role.includes(required);
        if (allowed) {
            return answer.status() == 403 ? "refused (403) although the rule allows " + required : null;
        }
        if (answer.status() != 403) {
            return "answered " + answer.status() + " although the rule needs " + required;
        }
        String type = answer.raw().headers().firstValue("Content-Type").orElse("");
        if (api && !type.startsWith("application/problem+json")) {
            return "403 as " + type + " instead of problem+json";
        }
        if (!api && !(type.startsWith("text/html") && answer.body().contains("role or higher"))) {
            return "403 without the console's explanation page";
        }
        return null;
    }

    private Response asApi(Role role, String method, String path) throws Exception {
        return call(method, path, apiTokens.get(role), method.equals("GET") ? null : "{}", Map.of());
    }

    private Response asConsole(Role role, String method, String path) throws Exception {
        ConsoleClient session = sessions.get(role);
        HttpResponse<String> response = method.equals("GET") ? session.get(path) : session.send(method, path, Map.of());
        return new Response(response.statusCode(), response.body(), response);
    }
}
