package dev.slipway.edge.site;

import dev.slipway.protocol.redirect.RuleRequest;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.RouteTarget;
import dev.slipway.protocol.ssr.TargetKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Step 5 of the pipeline for SSR deployments (amplify-hosting-reference.md §11.2, §18): the first deploy-manifest route
 * matching the path decides. Static serves the file from the deployment's {@code static/} files (with the route's
 * Cache-Control) and, when missing, the route's Compute fallback; Compute goes to the app unchanged, with the file a
 * Static fallback would serve should the app answer 404.
 *
 * <p>ImageOptimization serves the source image as stored: Slipway does not transform images (yet), so the widths and
 * formats asked for are ignored rather than refused, and remote sources answer 400.
 */
final class SsrRouting {

    private SsrRouting() {
    }

    /** @param forward the path and query the compute host receives */
    static Plan plan(Site site, PathResolver.Target target, String forward, RuleRequest request) {
        ComputeRoute route = site.compute().route(target.path());
        if (route == null) {
            return Planner.notFound(site, request);
        }
        return switch (route.target().kind()) {
            case COMPUTE -> new Plan.Compute(forward, staticFallback(site, route, target));
            case STATIC -> staticFile(site, route, target, forward, request);
            case IMAGE_OPTIMIZATION -> image(site, route.target(), target.query(), request);
        };
    }

    private static Plan staticFile(Site site, ComputeRoute route, PathResolver.Target target, String forward,
            RuleRequest request) {
        return switch (PathResolver.lookup(target, site.files()::get)) {
            case Resolution.Serve<ServedFile> serve ->
                    new Plan.Serve(serve.file(), 200, target.path(), route.target().cacheControl());
            case Resolution.Redirect<ServedFile> redirect -> new Plan.Redirect(301, redirect.location());
            case Resolution.BadRequest<ServedFile> bad -> new Plan.BadRequest(bad.reason());
            case Resolution.NotFound<ServedFile> missing -> {
                RouteTarget fallback = route.fallback();
                yield fallback != null && fallback.kind() == TargetKind.COMPUTE
                        ? new Plan.Compute(forward) : Planner.notFound(site, request);
            }
        };
    }

    /** The file a Compute route's Static fallback would serve, when the route has one and the file exists. */
    private static Plan.Serve staticFallback(Site site, ComputeRoute route, PathResolver.Target target) {
        RouteTarget fallback = route.fallback();
        if (fallback == null || fallback.kind() != TargetKind.STATIC) {
            return null;
        }
        return PathResolver.lookup(target, site.files()::get) instanceof Resolution.Serve<ServedFile> serve
                ? new Plan.Serve(serve.file(), 200, target.path(), fallback.cacheControl()) : null;
    }

    private static Plan image(Site site, RouteTarget route, String query, RuleRequest request) {
        String url = parameter(query, "url");
        if (url == null || !url.startsWith("/") || url.startsWith("//")) {
            return new Plan.BadRequest(url == null ? "the 'url' parameter is required"
                    : "only images of this deployment can be optimized");
        }
        ServedFile image = site.files().get(url.substring(1));
        return image != null ? new Plan.Serve(image, 200, request.path(), route.cacheControl())
                : Planner.notFound(site, request);
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
