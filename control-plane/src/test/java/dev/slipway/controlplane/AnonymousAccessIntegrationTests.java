package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 16, C1: every endpoint Slipway maps (read from the running control plane's handler mapping, so a new one is
 * covered without touching this test) refuses a call without a credential over real HTTP, also when its path is
 * spelled another way: a percent-encoded letter, doubled slashes, a {@code ;param}, a trailing slash, other letter
 * case, a {@code /./} segment. Machine paths also refuse tokens of the wrong kind.
 */
class AnonymousAccessIntegrationTests extends ControlPlaneIntegrationTest {

    /** Pages before sign-in, and endpoints whose controllers check their own credential (signature, URL token). */
    private static final Set<String> OWN_CREDENTIAL = Set.of("GET /login", "GET /invitations/{token}",
            "POST /invitations/{token}", "POST /hooks/{provider}/{appId}", "POST /webhooks",
            "GET /access-log-downloads/{appId}", "PUT /uploads/manual-deploys/{uploadId}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointRefusesAnonymousCallsHoweverItsPathIsSpelled() throws Exception {
        List<String> endpoints = MappedEndpoints.of(mappings);
        assertThat(endpoints).contains("POST /runner/v1/lease", "GET /edge/v1/routes", "PUT /runner/v1/blobs/{key}",
                "HEAD /edge/v1/blobs/{key}",
                "POST /runner/v1/compute/heartbeat", "GET /api/v1/apps", "GET /apps");
        List<String> answered = new ArrayList<>();
        int calls = 0;
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            for (String path : spellings(MappedEndpoints.concrete(pattern, "1", "probe"))) {
                Response answer = call(method, path, null, method.equals("GET") ? null : "{}", Map.of());
                calls++;
                boolean mayAnswer = OWN_CREDENTIAL.contains(endpoint)
                        && (answer.status() >= 400 || endpoint.equals("GET /login"));
                if (!mayAnswer && !refused(path, answer)) {
                    answered.add(method + " " + path + " -> " + answer.status() + " " + abbreviate(answer.body()));
                }
            }
        }
        assertThat(answered).as("calls without a credential that were not refused (of %d)", calls).isEmpty();
    }

    @Test
    void machinePathsRefuseTokensOfAnotherKindHoweverTheirPathIsSpelled() throws Exception {
        Map<String, String> wrongTokens = Map.of("/runner/v1/lease", EDGE_TOKEN, "/edge/v1/routes", RUNNER_TOKEN,
                "/api/v1/apps", RUNNER_TOKEN);
        List<String> answered = new ArrayList<>();
        for (Map.Entry<String, String> entry : wrongTokens.entrySet()) {
            String method = entry.getKey().startsWith("/runner") ? "POST" : "GET";
            for (String path : spellings(entry.getKey())) {
                for (String token : List.of(entry.getValue(), ADMIN_TOKEN)) {
                    if (entry.getKey().startsWith("/api") && token.equals(ADMIN_TOKEN)) {
                        continue;
                    }
                    Response answer = call(method, path, token, method.equals("GET") ? null : "{}", Map.of());
                    if (!refused(path, answer)) {
                        answered.add(method + " " + path + " with " + token + " -> " + answer.status());
                    }
                }
            }
        }
        assertThat(answered).isEmpty();
    }

    /**
     * 401, 403, the console's redirect to its sign-in page, or 400 from the firewall for a path it does not accept
     * (a handler reached by a bypass may also answer 400 to a bodiless probe, so 400 counts only there).
     */
    private static boolean refused(String path, Response answer) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return true;
        }
        if (status == 400) {
            return path.contains(";") || path.contains("//") || path.contains("/./");
        }
        return (status == 302 || status == 303)
                && answer.raw().headers().firstValue("Location").orElse("").contains("/login");
    }

    /** The path as mapped and spelled in the ways a router and a security check might disagree about. */
    static List<String> spellings(String path) {
        String[] segments = path.substring(1).split("/", -1);
        String first = segments[0];
        String rest = path.substring(1 + first.length());
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(path);
        if (!first.isEmpty()) {
            spellings.add("/" + percentEncodeFirst(first) + rest);
            spellings.add("/" + first.toUpperCase() + rest);
            spellings.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
            spellings.add("/" + first + ";x=1" + rest);
        }
        String last = segments[segments.length - 1];
        if (segments.length > 1 && !last.isEmpty()) {
            spellings.add(path.substring(0, path.length() - last.length()) + percentEncodeFirst(last));
        }
        spellings.add("/" + path);
        spellings.add(path.replaceFirst("/(?=[^/]*$)", "//"));
        spellings.add(path + "/");
        spellings.add("/." + path);
        return new ArrayList<>(spellings);
    }

    private static String percentEncodeFirst(String segment) {
        return String.format("%%%02X", (int) segment.charAt(0)) + segment.substring(1);
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }
}
