package dev.slipway.edge.proxy;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.Site;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Gateway route predicate for SSR compute routes: true when the request's site lets the visitor in and its
 * deploy-manifest routes send this request to compute. The chosen upstream is left in {@link #UPSTREAM_ATTRIBUTE} for
 * {@link ComputeForwarding}.
 */
public final class ComputeRequests {

    /** Exchange attribute holding the {@link Upstream}. */
    public static final String UPSTREAM_ATTRIBUTE = ComputeRequests.class.getName() + ".upstream";

    /**
     * @param hostUrl        the compute host's base URL, or null when no compute host is live
     * @param target         path and query to forward
     * @param staticFallback served instead of the app's 404 to a GET, or null
     */
    public record Upstream(Site site, String hostUrl, String target, Plan.Serve staticFallback) {
    }

    private final Routes routes;

    public ComputeRequests(Routes routes) {
        this.routes = routes;
    }

    public boolean matches(ServerWebExchange exchange) {
        GatewayPlans.Planned planned = GatewayPlans.plan(routes, exchange);
        if (planned != null && planned.plan() instanceof Plan.Compute compute) {
            Site site = planned.site();
            exchange.getAttributes().put(UPSTREAM_ATTRIBUTE, new Upstream(site,
                    routes.current().computeHost(site.route().deploymentId()), compute.target(),
                    compute.staticFallback()));
            return true;
        }
        return false;
    }
}
