package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules the doc cases do not pin down: validation messages, ignored rules, placeholders, query handling. */
class RedirectRulesTests {

    @Test
    void wildcardNotAtTheEndIsIgnoredWithAWarning() {
        RedirectRules rules = RedirectRules.compile(List.of(
                CustomRule.of("/docs/<*>/content", "/x", "301"),
                CustomRule.of("/a/<*>/<*>", "/x", "301")));
        assertThat(rules.problems()).extracting(RuleProblem::ignored).containsExactly(true, true);
        assertThat(rules.problems().getFirst().message()).startsWith("rule 0: ").contains("<*>");
        assertThat(rules.find(RuleRequest.of("h", "/docs/a/content", ""))).isNull();
    }

    @Test
    void errorsNameTheRuleAndTheField() {
        List<RuleProblem> problems = RedirectRules.validate(List.of(
                CustomRule.of("/ok", "/fine", "301"),
                CustomRule.of("/a", "", "301"),
                new CustomRule("/a", "/b", "301", "US"),
                CustomRule.of("</[/>", "/b", "200"),
                CustomRule.of("/p", "http://plain.example/", "200")));
        assertThat(problems).extracting(RuleProblem::index).containsExactly(1, 2, 3, 4);
        assertThat(problems).allMatch(RuleProblem::isError);
        assertThat(problems.get(0).message()).isEqualTo("rule 1: target is required");
        assertThat(problems.get(1).message()).contains("<US>");
        assertThat(problems.get(2).message()).contains("regex");
        assertThat(problems.get(3).message()).contains("https://");
    }

    @Test
    void partialSegmentPatternsAndNamedPlaceholders() {
        RedirectRules rules = RedirectRules.compile(List.of(
                CustomRule.of("/blog-<slug>.html", "/posts/<slug>/", "301"),
                CustomRule.of("/files<*>", "/storage<*>", "302"),
                CustomRule.of("/<lang>/old/<*>", "/<lang>/new/<*>", "301")));
        assertThat(rules.find(RuleRequest.of("h", "/blog-hello.html", "")).target()).isEqualTo("/posts/hello/");
        assertThat(rules.find(RuleRequest.of("h", "/files/a/b", "")).target()).isEqualTo("/storage/a/b");
        assertThat(rules.find(RuleRequest.of("h", "/de/old/x/y", "q=1")).target()).isEqualTo("/de/new/x/y?q=1");
        assertThat(rules.find(RuleRequest.of("h", "//old/x", ""))).isNull();
    }

    @Test
    void pinnedQueryValueMustMatchAndIsNotForwarded() {
        RedirectRules rules = RedirectRules.compile(List.of(CustomRule.of("/p?lang=de", "/de/p", "301")));
        assertThat(rules.find(RuleRequest.of("h", "/p", "lang=en"))).isNull();
        assertThat(rules.find(RuleRequest.of("h", "/p", "x=1&lang=de")).target()).isEqualTo("/de/p");
    }

    @Test
    void notFoundRulesAreFallbacksAndDoNotHideLaterRules() {
        RedirectRules rules = RedirectRules.compile(List.of(
                CustomRule.of("/<*>", "/index.html", "404-200"),
                CustomRule.of("/old", "/new", "301")));
        assertThat(rules.find(RuleRequest.of("h", "/old", "")).target()).isEqualTo("/new");
        assertThat(rules.notFoundFallback(RuleRequest.of("h", "/x", "")).target()).isEqualTo("/index.html");
    }

    @Test
    void proxyRewriteKeepsTheQuery() {
        RuleMatch match = RedirectRules.compile(List.of(CustomRule.of("/api/<*>", "https://api.example/<*>", "200")))
                .find(RuleRequest.of("h", "/api/v1/x", "a=b"));
        assertThat(match.isProxy()).isTrue();
        assertThat(match.target()).isEqualTo("https://api.example/v1/x?a=b");
    }
}
