package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every case of ../shared/fixtures/redirects/amplify-doc-cases.json against the rule engine. Which file a request
 * serves when no rule applies is the edge's business (clean URLs, see the edge's own run of these cases); here a
 * "file exists" is simply membership in the case's {@code siteFiles}, with {@code /x/} meaning {@code /x/index.html}.
 */
class AmplifyDocCasesTests {

    static Stream<Arguments> cases() throws IOException {
        JsonNode cases = RedirectFixtures.tree("amplify-doc-cases.json").get("cases");
        assertThat(cases.size()).isEqualTo(50);
        List<Arguments> all = new ArrayList<>();
        cases.forEach(c -> all.add(Arguments.of(c.get("id").asString(), c)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsDocumented(String id, JsonNode c) {
        List<CustomRule> rules = RedirectFixtures.JSON.convertValue(c.get("rules"),
                new tools.jackson.core.type.TypeReference<List<CustomRule>>() { });
        JsonNode expect = c.get("expect");
        RedirectRules compiled = RedirectRules.compile(rules);
        if (expect.has("ruleValid")) {
            assertThat(expect.get("ruleValid").asBoolean()).isFalse();
            assertThat(compiled.problems()).extracting(RuleProblem::index).contains(0);
            assertThat(compiled.isEmpty()).isTrue();
            return;
        }
        assertThat(compiled.problems()).isEmpty();
        JsonNode request = c.get("request");
        RuleRequest ruleRequest = new RuleRequest(
                request.has("host") ? request.get("host").asString().toLowerCase() : "main.app.example",
                request.get("path").asString(), text(request, "query"), text(request, "country"));
        Outcome outcome = evaluate(compiled, ruleRequest, siteFiles(c));
        if (expect.has("matched")) {
            assertThat(outcome.match()).isNull();
            return;
        }
        if (expect.has("status")) {
            assertThat(outcome.status()).isEqualTo(expect.get("status").asInt());
        }
        if (expect.has("location")) {
            assertThat(outcome.match().status().isRedirect()).isTrue();
            assertThat(outcome.served()).isEqualTo(expect.get("location").asString());
        }
        if (expect.has("servedFrom")) {
            assertThat(outcome.match().isProxy()).isTrue();
            assertThat(outcome.served()).isEqualTo(expect.get("servedFrom").asString());
        }
        if (expect.has("servedPath") && !rules.isEmpty()) {
            assertThat(outcome.served()).isEqualTo(expect.get("servedPath").asString());
        }
    }

    private record Outcome(RuleMatch match, int status, String served) {
    }

    /** The pipeline of reference §18 step 4-5, with file existence reduced to a list. */
    private static Outcome evaluate(RedirectRules rules, RuleRequest request, List<String> files) {
        RuleMatch match = rules.find(request);
        if (match != null) {
            return new Outcome(match, match.status().httpStatus(), match.target());
        }
        String path = request.path();
        String file = path.endsWith("/") ? path + "index.html" : path;
        if (files == null || files.contains(file)) {
            return new Outcome(null, 200, file);
        }
        RuleMatch fallback = rules.notFoundFallback(request);
        return fallback == null ? new Outcome(null, 404, null)
                : new Outcome(fallback, fallback.status().httpStatus(), fallback.target());
    }

    private static List<String> siteFiles(JsonNode c) {
        if (!c.has("siteFiles")) {
            return null;
        }
        List<String> files = new ArrayList<>();
        c.get("siteFiles").forEach(f -> files.add(f.asString()));
        return files;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).asString() : null;
    }
}
