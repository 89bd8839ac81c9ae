package dev.slipway.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 L3: a site whose only proxy rule had a placeholder in its scheme answered a permanent 503, because the fast
 * path asked whether the site may proxy (no: the target, as written, is no https URL) while the plan proxied (the
 * target, filled in, was one). Both now ask the rule.
 */
class ProxyRulePlannerTests {

    private static final String HOST = "main.app.localhost";

    private static Site site(CustomRule... rules) {
        return new Site(new SiteRoute(HOST, "app", "main", "v1", "m"), Map.of("index.html",
                ServedFile.of("index.html", new ManifestEntry("h", 1, ContentTypes.forPath("index.html")), 100)),
                HeaderMatcher.NONE, RedirectRules.compile(List.of(rules)));
    }

    @Test
    void aRuleWhoseOriginIsAPlaceholderNeverProxies() {
        Site site = site(CustomRule.of("/<*>", "<s>://127.0.0.1:8080/<*>", "200"),
                CustomRule.of("/go/<*>", "<*>", "200"));
        for (String target : List.of("/https/x", "/go/https://example.com/", "/index.html")) {
            Plan plan = Planner.plan(site, HOST, target, null);
            assertThat(plan).as(target).isNotInstanceOf(Plan.Proxy.class);
        }
        assertThat(site.mayLeaveFastPath()).isFalse();
    }

    @Test
    void whatThePlannerProxiesTheFastPathLeavesToTheGateway() {
        Site site = site(CustomRule.of("/api/<*>", "https://api.example.com/<*>", "200"));
        assertThat(Planner.plan(site, HOST, "/api/v1?q=1", null)).isEqualTo(
                new Plan.Proxy("https://api.example.com/v1?q=1"));
        assertThat(Planner.needsGateway(site, HOST, "/api/v1?q=1", null)).isTrue();
        assertThat(Planner.needsGateway(site, HOST, "/index.html", null)).isFalse();
    }
}
