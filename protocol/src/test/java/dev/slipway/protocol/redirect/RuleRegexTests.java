package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16 M2: which regex sources run on RE2, which on the read budget, and which are refused. */
class RuleRegexTests {

    private static final String SPA = "^[^.]+$|\\.(?!(css|gif|ico|jpg|js|png|txt|svg|woff|woff2|ttf|map|json|webp)$)"
            + "([^.]+$)";

    @Test
    void nestedQuantifiersRunOnTheLinearEngineWithTheSameAnswers() throws Exception {
        RuleRegex hostile = RuleRegex.compile("(.*a){12}$");
        assertThat(hostile.matchGroups("/" + "a".repeat(4000) + "!", true, 0, null)).isNull();
        assertThat(hostile.matchGroups("/" + "ba".repeat(12), true, 0, null)).isSameAs(RuleRegex.NO_GROUPS);
        RedirectRules rules = RedirectRules.compile(List.of(CustomRule.of("</(.*a){12}$/>", "/x", "301")));
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.find(RuleRequest.of("h", "/" + "a".repeat(30) + "!", ""))).isNull();
        assertThat(rules.find(RuleRequest.of("h", "/" + "a".repeat(30), "")).target()).isEqualTo("/x");
    }

    @Test
    void leftmostFirstGroupsAsInJavaRegex() throws Exception {
        RuleRegex regex = RuleRegex.compile("/(docs|doc)(/v(\\d+))?/(.*?)(/|$)");
        assertThat(regex.matchGroups("/docs/v2/intro/more", true, 5, null))
                .containsExactly("docs", "/v2", "2", "intro", "/");
        assertThat(regex.matchGroups("/doc/x", false, 5, null)).containsExactly("doc", null, null, "x", "");
    }

    @Test
    void lookaroundRunsOnABudgetThatEndsInNoMatch() throws Exception {
        RuleRegex spa = RuleRegex.compile(SPA);
        assertThat(spa.matchGroups("/app/settings", true, 0, new ReadBudget(ReadBudget.PER_LOOKUP))).isNotNull();
        assertThat(spa.matchGroups("/main.js", true, 0, new ReadBudget(ReadBudget.PER_LOOKUP))).isNull();
        // the standard SPA rule on the longest request line Netty accepts stays far below the budget
        ReadBudget longPath = new ReadBudget(ReadBudget.PER_LOOKUP);
        assertThat(spa.matchGroups("/" + "a.b".repeat(1365), true, 0, longPath)).isNotNull();
        assertThat(longPath.spent()).isFalse();

        RuleRegex hostile = RuleRegex.compile("(?=/)(.*a){12}$");
        ReadBudget budget = new ReadBudget(ReadBudget.PER_LOOKUP);
        assertThat(hostile.matchGroups("/" + "a".repeat(40) + "!", true, 0, budget)).isNull();
        assertThat(budget.spent()).isTrue();
        // a spent budget answers "no match" for the lookup's remaining backtracking rules
        assertThat(spa.matchGroups("/app/settings", true, 0, budget)).isNull();
    }

    @Test
    void manyLinearRulesStillShareOneBoundedBudget() {
        List<CustomRule> list = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            list.add(CustomRule.of("</(.*b){12}$/>", "/never", "301"));
        }
        list.add(CustomRule.of("</a!$/>", "/last", "301"));
        RedirectRules rules = RedirectRules.compile(list);
        assertThat(rules.find(RuleRequest.of("h", "/a!", "")).target()).isEqualTo("/last");
        assertThat(rules.find(RuleRequest.of("h", "/" + "a".repeat(4000) + "!", ""))).isNull();
    }

    @Test
    void oneLookupSharesOneBudgetAcrossItsBacktrackingRules() {
        RedirectRules rules = RedirectRules.compile(List.of(
                CustomRule.of("</(?=/)(.*a){12}$/>", "/never", "301"),
                CustomRule.of("</" + SPA + "/>", "/index.html", "200")));
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.find(RuleRequest.of("h", "/" + "a".repeat(40) + "!", ""))).isNull();
        assertThat(rules.find(RuleRequest.of("h", "/dashboard", "")).target()).isEqualTo("/index.html");
    }

    @Test
    void whatRe2CannotRunIsRefusedWithTheReason() {
        List<RuleProblem> problems = RedirectRules.validate(List.of(
                CustomRule.of("</(a)\\1/>", "/x", "301"),
                CustomRule.of("</a*+/>", "/x", "301"),
                CustomRule.of("</(?>a)b/>", "/x", "301"),
                CustomRule.of("</(?=a)(a)\\1/>", "/x", "301"),
                CustomRule.of("</(?=a/>", "/x", "301")));
        assertThat(problems).extracting(RuleProblem::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(problems).allMatch(RuleProblem::isError);
        assertThat(problems.subList(0, 4)).allSatisfy(p -> assertThat(p.reason())
                .startsWith("source regex is not supported").contains("linear-time engine (RE2)"));
        assertThat(problems.get(0).reason()).contains("\\1");
        assertThat(problems.get(4).reason()).startsWith("source regex is invalid");
    }

    @Test
    void placeholdersInsideOneSegmentMatchWithoutBacktracking() {
        RedirectRules rules = RedirectRules.compile(List.of(
                CustomRule.of("/<a>a<b>a<c>a<d>a<e>a<f>a<g>a<h>a<i>a<j>a<k>a<l>b", "/<a>/<l>", "301"),
                CustomRule.of("/v<major>.<minor>/<*>", "/docs/<major>/<minor>/<*>", "301")));
        assertThat(rules.find(RuleRequest.of("h", "/" + "a".repeat(4000) + "!", ""))).isNull();
        assertThat(rules.find(RuleRequest.of("h", "/" + "xa".repeat(11) + "zb", "")).target()).isEqualTo("/x/z");
        assertThat(rules.find(RuleRequest.of("h", "/v1.2/a/b", "")).target()).isEqualTo("/docs/1/2/a/b");
        assertThat(rules.find(RuleRequest.of("h", "/v1.2.3/a", "")).target()).isEqualTo("/docs/1.2/3/a");
    }
}
