package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real rule lists under ../shared/fixtures/redirects load and answer like a top-down scan would. */
class RedirectFixturesTests {

    private static final String AMPLIFY_DOCS = "aws-amplify__docs__redirects.json";

    @Test
    void amplifyDocsRulesLoadWithoutProblems() throws IOException {
        List<CustomRule> rules = RedirectFixtures.rules(AMPLIFY_DOCS);
        assertThat(rules).hasSize(2086);
        assertThat(RedirectRules.compile(rules).problems()).isEmpty();
    }

    @Test
    void amplifyDocsSpotChecks() throws IOException {
        RedirectRules rules = RedirectRules.compile(RedirectFixtures.rules(AMPLIFY_DOCS));
        assertThat(rules.find(request("/lib/ssr/ssr/", ""))).isEqualTo(
                new RuleMatch(2, RuleStatus.MOVED_PERMANENTLY,
                        "/gen1/javascript/prev/build-a-backend/server-side-rendering/"));
        assertThat(rules.find(request("/cli/commands/add/", "x=1")).target())
                .isEqualTo("/javascript/tools/cli/commands/?x=1#add");
        assertThat(rules.find(request("/react/build-a-backend/auth/connect-your-frontend/sign-in/", "")).target())
                .isEqualTo("/react/frontend/auth/sign-in/");
        assertThat(rules.find(request("/lib/analytics/getting-started", "platform=js&utm=2")).target())
                .isEqualTo("/javascript/build-a-backend/more-features/analytics/");
        assertThat(rules.find(request("/cli/hosting/", "")).status()).isEqualTo(RuleStatus.FOUND);
        assertThat(rules.find(request("/no/such/page", ""))).isNull();
        assertThat(rules.notFoundFallback(request("/no/such/page", "")))
                .isEqualTo(new RuleMatch(28, RuleStatus.NOT_FOUND_REWRITE, "/404/index.html"));
    }

    /** The index must answer exactly what trying every rule from the top answers, for every source of the file. */
    @Test
    void indexAgreesWithTopDownScanOnEverySource() throws IOException {
        List<CustomRule> rules = RedirectFixtures.rules(AMPLIFY_DOCS);
        RedirectRules indexed = RedirectRules.compile(rules);
        List<RedirectRules> oneByOne = new ArrayList<>();
        rules.forEach(rule -> oneByOne.add(RedirectRules.compile(List.of(rule))));
        for (RuleRequest request : requestsFromSources(rules)) {
            RuleMatch expected = null;
            for (int i = 0; i < rules.size() && expected == null; i++) {
                RuleMatch single = oneByOne.get(i).find(request);
                expected = single == null ? null : new RuleMatch(i, single.status(), single.target());
            }
            assertThat(indexed.find(request)).as(request.path()).isEqualTo(expected);
        }
    }

    @Test
    void wiremockRulesLoad() throws IOException {
        List<CustomRule> rules = RedirectFixtures.rules("wiremock__wiremock.org__amplify-redirects.json");
        assertThat(rules).hasSize(58);
        RedirectRules compiled = RedirectRules.compile(rules);
        assertThat(compiled.problems()).isEmpty();
        assertThat(compiled.find(RuleRequest.of("www.wiremock.org", "/docs/", "")).target())
                .isEqualTo("https://wiremock.org/docs/");
        assertThat(compiled.find(request("/docs/go", "")).target()).isEqualTo("/docs/solutions/golang");
        assertThat(compiled.find(request("/stubbing.html", ""))).isNotNull();
    }

    /** Each source with its placeholders filled in, with and without a trailing slash. */
    private static List<RuleRequest> requestsFromSources(List<CustomRule> rules) {
        List<RuleRequest> requests = new ArrayList<>();
        for (CustomRule rule : rules) {
            String source = rule.source().replace("<*>", "a/b").replaceAll("<[^>/]+>", "react");
            int question = source.indexOf('?');
            String path = question < 0 ? source : source.substring(0, question);
            String query = question < 0 ? "" : source.substring(question + 1);
            requests.add(request(path, query));
            requests.add(request(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/", query));
        }
        return requests;
    }

    private static RuleRequest request(String path, String query) {
        return RuleRequest.of("main.app.example", path, query);
    }
}
