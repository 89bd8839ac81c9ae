package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT/GET /api/v1/apps/{appId}/firewall}: rules are validated (problem+json naming the rule), stored, audited,
 * restricted to admins, and reach edges in the route snapshot at a new version.
 */
class AppFirewallIntegrationTests extends ControlPlaneIntegrationTest {

    private static final Map<String, Object> RULES = Map.of(
            "defaultAction", "ALLOW",
            "ipRules", List.of(Map.of("cidr", "203.0.113.0/24", "action", "DENY"),
                    Map.of("cidr", "2001:db8::/32", "action", "deny")),
            "countryRules", List.of(Map.of("country", "de", "action", "DENY")),
            "rateLimits", List.of(Map.of("pathPrefix", "/api/", "requestsPerMinute", 600),
                    Map.of("pathPrefix", "/", "requestsPerSecond", 50)));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    @Autowired
    TokenService tokens;

    @Test
    void savedRulesAreReturnedAuditedAndReachTheSnapshot() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/firewall";
        assertThat(api("GET", path, null).json().path("defaultAction").asString()).isEqualTo("ALLOW");
        long before = routes(0).path("version").asLong();

        Response saved = api("PUT", path, RULES);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode read = api("GET", path, null).json();
        assertThat(read.path("ipRules").get(1).path("action").asString()).isEqualTo("DENY");
        assertThat(read.path("countryRules").get(0).path("country").asString()).isEqualTo("DE");
        assertThat(read.path("rateLimits").get(0).path("requestsPerMinute").asInt()).isEqualTo(600);
        assertThat(read.path("rateLimits").get(0).has("requestsPerSecond")).isFalse();

        JsonNode snapshot = routes(before);
        assertThat(snapshot.path("version").asLong()).isGreaterThan(before);
        JsonNode firewall = appRoute(snapshot, appId).path("firewall");
        assertThat(firewall.path("ipRules").get(0).path("cidr").asString()).isEqualTo("203.0.113.0/24");
        assertThat(firewall.path("rateLimits").get(1).path("requestsPerSecond").asInt()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'PUT /api/v1/apps/{appId}/firewall' "
                + "AND target = ? AND status = 200").param(path).query(Integer.class).single()).isEqualTo(1);

        long withRules = snapshot.path("version").asLong();
        assertThat(api("PUT", path, Map.of("defaultAction", "ALLOW")).status()).isEqualTo(200);
        JsonNode cleared = routes(withRules);
        assertThat(cleared.path("version").asLong()).isGreaterThan(withRules);
        assertThat(cleared.path("apps").toString()).as("an app with nothing to say is not listed").doesNotContain(appId);
        assertThat(api("GET", path, null).json().path("ipRules").size()).isZero();
    }

    @Test
    void badRulesAre400NamingTheRuleAndChangeNothing() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/firewall";
        api("PUT", path, RULES);
        Map<Object, String> refusals = Map.of(
                Map.of("ipRules", List.of(Map.of("cidr", "203.0.113.0/33", "action", "DENY"))), "ipRules[0]: ",
                Map.of("ipRules", List.of(Map.of("cidr", "2001:db8::/129", "action", "DENY"))), "ipRules[0]: ",
                Map.of("ipRules", List.of(Map.of("cidr", "example.com", "action", "DENY"))), "ipRules[0]: ",
                Map.of("ipRules", List.of(Map.of("cidr", "10.0.0.0/8", "action", "BLOCK"))), "ALLOW or DENY",
                Map.of("defaultAction", "MAYBE"), "'defaultAction' must be ALLOW or DENY",
                Map.of("countryRules", List.of(Map.of("country", "Germany", "action", "DENY"))), "two-letter",
                Map.of("rateLimits", List.of(Map.of("pathPrefix", "/", "requestsPerMinute", 0))), "greater than 0",
                Map.of("rateLimits", List.of(Map.of("pathPrefix", "/", "requestsPerMinute", 1,
                        "requestsPerSecond", 1))), "exactly one",
                Map.of("rateLimits", List.of(Map.of("pathPrefix", "api", "requestsPerMinute", 1))), "start with '/'",
                Map.of("ipRules", java.util.Collections.nCopies(1001, Map.of("cidr", "10.0.0.0/8", "action", "DENY"))),
                "At most 1000");
        for (Map.Entry<Object, String> refusal : refusals.entrySet()) {
            Response bad = api("PUT", path, refusal.getKey());
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(bad.json().path("detail").asString()).contains(refusal.getValue());
        }
        assertThat(api("GET", path, null).json().path("ipRules").size()).as("unchanged").isEqualTo(2);
        assertThat(api("PUT", "/api/v1/apps/dnosuchapp12345/firewall", RULES).status()).isEqualTo(404);
    }

    @Test
    void aViewerMayReadButNotChange() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/firewall";
        String viewer = "firewall-viewer-" + System.nanoTime();
        users.create(viewer, null, "firewall-viewer-password", "VIEWER");
        String token = tokens.create(new Me(viewer, Role.VIEWER, null), "read", Role.VIEWER).token();
        assertThat(call("PUT", path, token, RULES, Map.of()).status()).isEqualTo(403);
        assertThat(call("GET", path, token, null, Map.of()).status()).isEqualTo(200);
        assertThat(api("GET", path, null).json().path("ipRules").size()).isZero();
    }
}
