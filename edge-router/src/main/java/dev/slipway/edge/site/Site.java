package dev.slipway.edge.site;

import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.ssr.ComputeBundle;
import java.util.Map;

/**
 * One deployment ready to serve: its manifest turned into {@link ServedFile}s and its custom headers compiled, plus
 * the app's redirect rules at this snapshot. Immutable; files and headers are shared by every host that points at
 * the same manifest.
 *
 * @param route   the snapshot entry it was built for (host, app, branch, deployment, access control)
 * @param files   manifest key to file
 * @param headers the deployment's customHttp.yml
 * @param rules   the app's customRules
 * @param compute the deployment's server-side part (routes and bundle), or null for a static deployment
 */
public record Site(SiteRoute route, Map<String, ServedFile> files, HeaderMatcher headers, RedirectRules rules,
                   ComputeBundle compute) {

    public Site {
        files = Map.copyOf(files);
        headers = headers == null ? HeaderMatcher.NONE : headers;
        rules = rules == null ? RedirectRules.NONE : rules;
    }

    public Site(SiteRoute route, Map<String, ServedFile> files, HeaderMatcher headers, RedirectRules rules) {
        this(route, files, headers, rules, null);
    }

    public Site(SiteRoute route, Map<String, ServedFile> files) {
        this(route, files, HeaderMatcher.NONE, RedirectRules.NONE);
    }

    /** Whether some requests may have to leave the fast path (proxy rules or server-side rendering). */
    public boolean mayLeaveFastPath() {
        return compute != null || rules.mayProxy();
    }

    public String manifestHash() {
        return route.manifestHash();
    }

    /** The same deployment under another snapshot entry and rule set. */
    public Site forRoute(SiteRoute other, RedirectRules otherRules) {
        return route.equals(other) && rules == otherRules ? this : new Site(other, files, headers, otherRules, compute);
    }
}
