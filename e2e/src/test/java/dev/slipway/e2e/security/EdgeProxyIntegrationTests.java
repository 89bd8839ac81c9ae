package dev.slipway.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlipwayStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 H1, L3 and L7 against the shared stack: 200 rewrites may not choose their origin from the request, may not
 * name a non-public address, and a name that resolves to this machine is refused when the edge resolves it (nothing
 * reaches the listener); a request naming two hosts is a 400 on the static path and on the proxied path alike.
 */
class EdgeProxyIntegrationTests {

    private static ProbeListener local;
    private static String appId;
    private static String host;

    @BeforeAll
    static void deployASiteWithARuleToLocalhost() throws Exception {
        local = new ProbeListener();
        SlipwayStack stack = SecurityStack.get();
        SiteRepository repo = SiteRepository.create(SecurityStack.newDirectory("edge-proxy"));
        repo.commitPage("Edge proxy home");
        appId = SecurityStack.createApp("edge-proxy", repo.url(), Map.of("customRules", List.of(
                Map.of("source", "/api/<*>", "target", "https://localhost:" + local.port() + "/<*>", "status", "200"))))
                .path("appId").asString();
        host = "main." + appId + ".localhost";
        SecuritySites.deployMain(SecurityStack.api(), stack.edgeUrl(), appId, "Edge proxy home");
    }

    @AfterAll
    static void stopListener() throws Exception {
        local.close();
    }

    @Test
    void rulesThatLetTheRequestChooseTheOriginOrNameAnInternalAddressAreRefusedWhenSaved() throws Exception {
        Api api = SecurityStack.api();
        String saved = "https://api.example.com/<*>";
        String other = SecurityStack.createApp("edge-proxy-rules", "https://git.example.test/team/site.git",
                Map.of("customRules", List.of(Map.of("source", "/<*>", "target", saved, "status", "200"))))
                .path("appId").asString();
        for (Map<String, String> rule : List.of(
                Map.of("source", "/<*>", "target", "<s>://127.0.0.1:8080/<*>", "status", "200"),
                Map.of("source", "/<*>", "target", "<*>", "status", "200"),
                Map.of("source", "/meta", "target", "https://169.254.169.254/", "status", "200"),
                Map.of("source", "/<x>/<*>", "target", "https://<x>.example.com/<*>", "status", "200"),
                Map.of("source", "/cp", "target", "https://127.0.0.1:" + SecurityStack.get().apiPort + "/", "status",
                        "200"))) {
            Api.Response refused = api.patch("/api/v1/apps/" + other, Map.of("customRules", List.of(rule)));
            assertThat(refused.status()).as(rule + " -> " + refused.body()).isEqualTo(400);
            JsonNode problem = refused.json();
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asString()).as(rule.toString()).startsWith("customRules[0]: ");
        }
        JsonNode app = api.get("/api/v1/apps/" + other).json().path("app");
        assertThat(app.path("customRules").toString()).as("the rule saved first is unchanged").contains(saved);
    }

    @Test
    void aNameThatResolvesToThisMachineIsRefusedWhenTheEdgeResolvesIt() throws Exception {
        SlipwayStack stack = SecurityStack.get();
        Api.Response proxied = SecurityStack.api().site(stack.edgeUrl(), host, "/api/anything?x=1");
        assertThat(proxied.status()).as(proxied.body()).isEqualTo(502);
        assertThat(proxied.body()).contains("cannot be reached").doesNotContain("127.0.0.1");
        assertThat(local.connections()).as("nothing reached the local listener").isZero();
        assertThat(SecurityStack.api().site(stack.edgeUrl(), host, "/").status()).isEqualTo(200);
    }

    @Test
    void twoHostsInOneRequestAreABadRequestOnEveryPath() throws Exception {
        int edge = SecurityStack.get().edgePort;
        assertThat(RawHttp.exchange(edge, "GET / HTTP/1.1", "Host: " + host, "Connection: close"))
                .startsWith("HTTP/1.1 200");
        for (String path : List.of("/", "/api/x")) {
            assertThat(RawHttp.exchange(edge, "GET " + path + " HTTP/1.1", "Host: " + host, "Host: other.localhost"))
                    .as("two Host headers, " + path).startsWith("HTTP/1.1 400");
            assertThat(RawHttp.exchange(edge, "GET " + path + " HTTP/1.1", "Host: other.localhost", "Host: " + host))
                    .as("two Host headers, the site's last, " + path).startsWith("HTTP/1.1 400");
            assertThat(RawHttp.exchange(edge, "GET http://other.localhost" + path + " HTTP/1.1", "Host: " + host))
                    .as("absolute-form target naming another host, " + path).startsWith("HTTP/1.1 400");
            assertThat(RawHttp.exchange(edge, "GET http://" + host + path + " HTTP/1.1", "Host: other.localhost"))
                    .as("absolute-form target naming the site, another Host, " + path).startsWith("HTTP/1.1 400");
        }
        assertThat(local.connections()).isZero();
    }
}
