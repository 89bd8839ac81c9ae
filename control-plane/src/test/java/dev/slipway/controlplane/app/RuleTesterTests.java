package dev.slipway.controlplane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.redirect.CustomRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTesterTests {

    private static final List<CustomRule> RULES = List.of(
            CustomRule.of("https://www.example.test", "https://example.test", "301"),
            CustomRule.of("/blog/<year>/<slug>", "/posts/<slug>?y=<year>", "302"),
            CustomRule.of("/<*>", "/index.html", "404-200"));

    @Test
    void aPathMatchesTheFirstRuleWithPlaceholdersFilledIn() {
        RuleTester.Verdict verdict = RuleTester.test(RULES, "/blog/2024/hello", "main.d1.localhost");
        assertThat(verdict.index()).isEqualTo(1);
        assertThat(verdict.status()).isEqualTo("302");
        assertThat(verdict.target()).startsWith("/posts/hello?y=2024");
        assertThat(verdict.onlyIfNoFile()).isFalse();
    }

    @Test
    void anAbsoluteUrlIsMatchedOnItsOwnHost() {
        RuleTester.Verdict verdict = RuleTester.test(RULES, "https://www.example.test/about", "main.d1.localhost");
        assertThat(verdict.index()).isZero();
        assertThat(verdict.status()).isEqualTo("301");
    }

    @Test
    void notFoundRulesApplyOnlyWhenNoFileMatchesAndNoRulesMeansTheFile() {
        RuleTester.Verdict fallback = RuleTester.test(RULES, "pricing", "main.d1.localhost");
        assertThat(fallback.path()).isEqualTo("/pricing");
        assertThat(fallback.index()).isEqualTo(2);
        assertThat(fallback.onlyIfNoFile()).isTrue();
        assertThat(RuleTester.test(List.of(), "/x", "h").matched()).isFalse();
    }
}
