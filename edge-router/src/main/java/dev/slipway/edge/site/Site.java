package dev.slipway.edge.site;

import dev.slipway.protocol.edge.SiteRoute;
import dev.slipway.protocol.headers.HeaderMatcher;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.ssr.ComputeBundle;
import java.util.Map;

/**
 * One deployment ready to serve: its manifest turned into {@link ServedFile}s, plus the custom headers and the app's
 * redirect rules at this snapshot. Immutable; files are shared by every host that points at the same manifest.
 *
 * @param route      the snapshot entry it was built for (host, app, branch, deployment, access control)
 * @param files      manifest key to file
 * @param headers    the custom headers served: the deployment's customHttp.yml, or the app's when it has none
 * @param rules      the app's customRules
 * @param compute    the deployment's server-side part (routes and bundle), or null for a static deployment
 * @param ownHeaders whether {@code headers} are the deployment's own; those override the app's and stay with the
 *                   deployment (§4.2), while the app's follow each snapshot
 * @param pinnable   null unless the branch has skew protection on; then the earlier deployments a request may pin by
 *                   id, each served on this host with this access control (empty in those pinned sites themselves)
 */
public record Site(SiteRoute route, Map<String, ServedFile> files, HeaderMatcher headers, RedirectRules rules,
                   ComputeBundle compute, boolean ownHeaders, Map<String, Pinned> pinnable) {

    /**
     * An earlier deployment skew protection may serve.
     *
     * @param until epoch milliseconds after which it is too old, or {@link Long#MAX_VALUE}
     */
    public record Pinned(Site site, long until) {
    }

    public Site {
        files = Map.copyOf(files);
        headers = headers == null ? HeaderMatcher.NONE : headers;
        rules = rules == null ? RedirectRules.NONE : rules;
        pinnable = pinnable == null ? null : Map.copyOf(pinnable);
    }

    public Site(SiteRoute route, Map<String, ServedFile> files, HeaderMatcher headers, RedirectRules rules,
                ComputeBundle compute, boolean ownHeaders) {
        this(route, files, headers, rules, compute, ownHeaders, null);
    }

    /** Headers given here are the deployment's own (its customHttp.yml). */
    public Site(SiteRoute route, Map<String, ServedFile> files, HeaderMatcher headers, RedirectRules rules,
                ComputeBundle compute) {
        this(route, files, headers, rules, compute, headers != null && !headers.isEmpty());
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

    /**
     * The same deployment under another snapshot entry, rule set and app headers (ignored when it has its own).
     * Answers this very site when nothing changed, so an unchanged snapshot allocates nothing.
     */
    public Site forRoute(SiteRoute other, RedirectRules otherRules, HeaderMatcher appHeaders) {
        HeaderMatcher served = ownHeaders ? headers : appHeaders == null ? HeaderMatcher.NONE : appHeaders;
        return route.equals(other) && rules == otherRules && headers == served ? this
                : new Site(other, files, served, otherRules, compute, ownHeaders, pinnable);
    }

    /** This site with skew protection's pinnable deployments (null: off); itself when it has none either way. */
    public Site withPinnable(Map<String, Pinned> deployments) {
        return deployments == null && pinnable == null ? this
                : new Site(route, files, headers, rules, compute, ownHeaders, deployments);
    }

    /** Whether skew protection is on for the branch this site serves. */
    public boolean skewProtected() {
        return pinnable != null;
    }
}
