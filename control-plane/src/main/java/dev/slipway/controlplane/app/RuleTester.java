package dev.slipway.controlplane.app;

import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.redirect.RuleMatch;
import dev.slipway.protocol.redirect.RuleRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * "This URL → this rule → this response" for an app's rules, answered by the same engine the edge runs, so the
 * console's answer is the edge's answer (apart from which files a deployment has: a 404 rule applies only when no
 * file matches, which the verdict says).
 */
public final class RuleTester {

    private RuleTester() {
    }

    /**
     * @param rule         the rule that applies first, or null
     * @param index        its position in the list (0-based), or -1
     * @param status       the rule's status (200, 301, 302, 404, 404-200), or null
     * @param target       the resolved target (Location, path served, or proxied URL), or null
     * @param onlyIfNoFile whether the rule applies only when the deployment has no file at the path
     */
    public record Verdict(String path, CustomRule rule, int index, String status, String target,
            boolean onlyIfNoFile) {

        public boolean matched() {
            return rule != null;
        }
    }

    /** @param url a path ({@code /docs?x=1}) or an absolute URL on the app's domain */
    public static Verdict test(List<CustomRule> rules, String url, String defaultHost) {
        URI uri = parse(url);
        String host = uri.getHost() != null ? uri.getHost().toLowerCase(Locale.ROOT) : defaultHost;
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        RuleRequest request = RuleRequest.of(host, path, uri.getRawQuery());
        RedirectRules compiled = RedirectRules.compile(rules);
        RuleMatch match = compiled.find(request);
        boolean fallback = false;
        if (match == null) {
            match = compiled.notFoundFallback(request);
            fallback = match != null;
        }
        if (match == null) {
            return new Verdict(path, null, -1, null, null, false);
        }
        return new Verdict(path, rules.get(match.index()), match.index(), rules.get(match.index()).status(),
                match.target(), fallback);
    }

    private static URI parse(String url) {
        String text = url == null || url.isBlank() ? "/" : url.trim();
        try {
            return new URI(text.startsWith("/") || text.contains("://") ? text : "/" + text);
        } catch (URISyntaxException e) {
            throw dev.slipway.controlplane.support.Refusal.invalid("Not a URL or path: " + e.getMessage());
        }
    }
}
