package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** 200 rewrites to other origins: only a written-out https origin is proxied (issue 16, H1 and L3). */
class ProxyRulesTests {

    private static List<RuleProblem> problems(String source, String target) {
        return RedirectRules.validate(List.of(CustomRule.of(source, target, "200")));
    }

    @Test
    void theOriginOfAProxyTargetMustBeWrittenOut() {
        assertThat(problems("/<*>", "<s>://127.0.0.1:8080/<*>")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("must be a path starting with /"));
        assertThat(problems("/<*>", "<*>")).singleElement().matches(RuleProblem::isError);
        assertThat(problems("/<x>/<*>", "https://<x>.example.com/<*>")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("host", "written out"));
        assertThat(problems("/<*>", "https://example.com<*>")).as("a capture would extend the host").hasSize(1);
        assertThat(problems("/<p>", "https://example.com:<p>/")).hasSize(1);
        assertThat(problems("/a", "https://user:pw@example.com/")).hasSize(1);
        assertThat(problems("/a", "//example.com/")).hasSize(1);
        assertThat(problems("/a", "ftp://example.com/")).hasSize(1);
    }

    @Test
    void literalAddressesInBlockedRangesAreRefused() {
        assertThat(problems("/a", "https://169.254.169.254/")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("link-local"));
        assertThat(problems("/a", "https://127.0.0.1:8080/x")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("loopback"));
        assertThat(problems("/a", "https://[::1]/")).hasSize(1);
        assertThat(problems("/a", "https://2130706433/")).hasSize(1);
        assertThat(problems("/a", "https://10.0.0.1?x")).hasSize(1);
    }

    @Test
    void pathsAndWrittenOutOriginsStayValid() {
        assertThat(problems("/api/<*>", "https://api.example.com/<*>")).isEmpty();
        assertThat(problems("/q", "https://api.example.com:8443/search?q=<*>")).isEmpty();
        assertThat(problems("/<*>", "/index.html")).isEmpty();
        assertThat(problems("/<a>", "/<a>/x")).isEmpty();
        assertThat(problems("/a", "index.html")).isEmpty();
        assertThat(problems("/a", "https://93.184.215.14/")).isEmpty();
        assertThat(RedirectRules.validate(List.of(CustomRule.of("/<*>", "<*>", "302")))).as("redirects are not proxied")
                .isEmpty();
    }

    @Test
    void aCaptureThatLooksLikeAUrlNeverMakesAPathRewriteAProxy() {
        RedirectRules rules = RedirectRules.compile(List.of(CustomRule.of("/go/<*>", "/<*>", "200")));
        assertThat(rules.mayProxy()).isFalse();
        RuleMatch match = rules.find(RuleRequest.of("h", "/go/https://evil.example/", ""));
        assertThat(match.isProxy()).isFalse();
        RedirectRules proxy = RedirectRules.compile(List.of(CustomRule.of("/api/<*>", "https://api.example/<*>", "200")));
        assertThat(proxy.mayProxy()).isTrue();
        assertThat(proxy.find(RuleRequest.of("h", "/api/x", "")).isProxy()).isTrue();
    }
}
