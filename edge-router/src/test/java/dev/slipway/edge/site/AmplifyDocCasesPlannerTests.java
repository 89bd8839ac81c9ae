package dev.slipway.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * All 50 cases of ../shared/fixtures/redirects/amplify-doc-cases.json through the edge's {@link Planner}: rules plus
 * clean URLs, trailing slashes and not-found fallbacks against a site made of the case's files.
 */
class AmplifyDocCasesPlannerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> cases() throws IOException {
        String shared = System.getProperty("slipway.shared.dir");
        if (shared == null) {
            fail("system property slipway.shared.dir is not set");
        }
        JsonNode cases = JSON.readTree(Files.readString(
                Path.of(shared, "fixtures", "redirects", "amplify-doc-cases.json"))).get("cases");
        assertThat(cases.size()).isEqualTo(50);
        List<Arguments> all = new ArrayList<>();
        cases.forEach(c -> all.add(Arguments.of(c.get("id").asString(), c)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void servesAsDocumented(String id, JsonNode c) {
        List<CustomRule> rules = JSON.convertValue(c.get("rules"), new TypeReference<List<CustomRule>>() { });
        RedirectRules compiled = RedirectRules.compile(rules);
        JsonNode expect = c.get("expect");
        if (expect.has("ruleValid")) {
            assertThat(compiled.problems()).isNotEmpty();
            return;
        }
        JsonNode request = c.get("request");
        String path = request.get("path").asString();
        String host = request.has("host") ? request.get("host").asString().toLowerCase() : "main.dabc123.localhost";
        String target = path + (request.has("query") ? "?" + request.get("query").asString() : "");
        Site site = new Site(new SiteRoute(host, "dabc123", "main", "v1", "m"), files(c, path), HeaderMatcher.NONE,
                compiled);
        String country = request.has("country") ? request.get("country").asString() : null;
        Plan plan = Planner.plan(site, host, target, country);
        if (expect.has("matched")) {
            assertThat(plan).isNotInstanceOfAny(Plan.Redirect.class, Plan.Proxy.class);
            assertThat(((Plan.Serve) plan).file().path()).isEqualTo(fileOf(path));
            return;
        }
        if (expect.has("location")) {
            assertThat(plan).isEqualTo(new Plan.Redirect(expect.get("status").asInt(), expect.get("location").asString()));
        } else if (expect.has("servedFrom")) {
            assertThat(plan).isEqualTo(new Plan.Proxy(expect.get("servedFrom").asString()));
        } else {
            if (plan instanceof Plan.Redirect redirect) {
                // the trailing-slash redirect: the browser follows it, and the address bar shows the new URL
                assertThat(redirect.location()).isEqualTo(expect.get("addressBar").asString());
                plan = Planner.plan(site, host, redirect.location(), country);
            }
            Plan.Serve serve = (Plan.Serve) plan;
            assertThat("/" + serve.file().path()).isEqualTo(expect.get("servedPath").asString());
            assertThat(serve.status()).isEqualTo(expect.has("status") ? expect.get("status").asInt() : 200);
        }
    }

    /** The case's files, or (when it lists none) the requested file and the expected one, so both exist. */
    private static Map<String, ServedFile> files(JsonNode c, String path) {
        List<String> paths = new ArrayList<>();
        if (c.has("siteFiles")) {
            c.get("siteFiles").forEach(f -> paths.add(f.asString().substring(1)));
        } else {
            paths.add(fileOf(path));
            if (c.get("expect").has("servedPath")) {
                paths.add(c.get("expect").get("servedPath").asString().substring(1));
            }
        }
        Map<String, ServedFile> files = new HashMap<>();
        paths.forEach(p -> files.put(p, ServedFile.of(p, new ManifestEntry("h", 1, ContentTypes.forPath(p)), 100)));
        return files;
    }

    private static String fileOf(String path) {
        return path.endsWith("/") ? path.substring(1) + "index.html" : path.substring(1);
    }
}
