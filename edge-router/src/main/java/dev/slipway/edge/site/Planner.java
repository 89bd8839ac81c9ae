package dev.slipway.edge.site;

import dev.slipway.protocol.redirect.RuleMatch;
import dev.slipway.protocol.redirect.RuleRequest;
import dev.slipway.protocol.redirect.RuleStatus;

/**
 * Steps 4 and 5 of the request pipeline (amplify-hosting-reference.md §18) for one site: redirect rules first (301/302
 * answer, 200 rewrites serve their target or go to the proxy), then the file with clean-URL and trailing-slash
 * handling, then the app's 404 / 404-200 rule, then the deployment's {@code 404.html}.
 *
 * <p>Pure (no I/O) and thread-safe; runs on the event loop.
 */
public final class Planner {

    /**
     * The viewer country as CloudFront sends it (amplify-hosting-reference.md §3.3), for {@code condition} rules. Only
     * meaningful behind a CDN that sets it; a visitor can set it too, which is harmless for a geo redirect.
     */
    public static final String VIEWER_COUNTRY_HEADER = "CloudFront-Viewer-Country";

    private Planner() {
    }

    /**
     * @param host    normalized request host (origin rules match it)
     * @param country the viewer's two-letter country when a CDN in front says it, else null (conditions ignored)
     */
    public static Plan plan(Site site, String host, String requestTarget, String country) {
        PathResolver.Parsed parsed = PathResolver.parse(requestTarget);
        if (parsed instanceof PathResolver.Invalid invalid) {
            return new Plan.BadRequest(invalid.reason());
        }
        PathResolver.Target target = (PathResolver.Target) parsed;
        RuleRequest request = new RuleRequest(host, target.path(), target.query(), country);
        RuleMatch rule = site.rules().isEmpty() ? null : site.rules().find(request);
        if (rule != null) {
            if (rule.status().isRedirect()) {
                return new Plan.Redirect(rule.status().httpStatus(), rule.target());
            }
            if (rule.isProxy()) {
                return new Plan.Proxy(rule.target());
            }
            if (site.compute() != null) {
                return PathResolver.parse(rule.target()) instanceof PathResolver.Target rewritten
                        ? SsrRouting.plan(site, rewritten, rule.target(), request)
                        : new Plan.BadRequest("rewrite target is not a path");
            }
            ServedFile rewritten = file(site, rule.target());
            return rewritten != null ? new Plan.Serve(rewritten, 200, target.path()) : notFound(site, request);
        }
        if (site.compute() != null) {
            return SsrRouting.plan(site, target, requestTarget, request);
        }
        return switch (PathResolver.lookup(target, site.files()::get)) {
            case Resolution.Serve<ServedFile> serve -> new Plan.Serve(serve.file(), 200, target.path());
            case Resolution.Redirect<ServedFile> redirect -> new Plan.Redirect(301, redirect.location());
            case Resolution.NotFound<ServedFile> missing -> notFound(site, request);
            case Resolution.BadRequest<ServedFile> bad -> new Plan.BadRequest(bad.reason());
        };
    }

    /**
     * Whether the Gateway must answer this request (a 200 rewrite to another origin, or an SSR compute route); cheap
     * for static sites without proxy rules.
     */
    public static boolean needsGateway(Site site, String host, String requestTarget, String country) {
        if (!site.mayLeaveFastPath()) {
            return false;
        }
        Plan plan = plan(site, host, requestTarget, country);
        return plan instanceof Plan.Proxy || plan instanceof Plan.Compute;
    }

    static Plan notFound(Site site, RuleRequest request) {
        RuleMatch fallback = site.rules().isEmpty() ? null : site.rules().notFoundFallback(request);
        if (fallback != null) {
            ServedFile page = file(site, fallback.target());
            if (page != null) {
                return new Plan.Serve(page, fallback.status() == RuleStatus.NOT_FOUND ? 404 : 200, request.path());
            }
        }
        ServedFile page = site.files().get(PathResolver.NOT_FOUND_PAGE);
        return page != null ? new Plan.Serve(page, 404, request.path()) : new Plan.NotFound();
    }

    /** A rewrite target's file; a directory target serves its index.html rather than redirecting the visitor. */
    private static ServedFile file(Site site, String target) {
        return switch (PathResolver.resolve(target, site.files()::get)) {
            case Resolution.Serve<ServedFile> serve -> serve.file();
            case Resolution.Redirect<ServedFile> redirect -> {
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                yield site.files().get(path.substring(1) + "/" + PathResolver.INDEX);
            }
            default -> null;
        };
    }
}
