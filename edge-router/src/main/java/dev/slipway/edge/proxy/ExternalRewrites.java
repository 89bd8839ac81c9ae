package dev.slipway.edge.proxy;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.site.Plan;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Gateway route predicate for 200 rewrites to another origin: true when the request's site lets the visitor in and
 * its rules send this request elsewhere; the target URL is left in an exchange attribute for
 * {@link ExternalRewriteGatewayFilterFactory}. The static fast path declines exactly these requests (stack-notes §5).
 */
public final class ExternalRewrites {

    /** Exchange attribute holding the absolute target URL (a String). */
    public static final String TARGET_ATTRIBUTE = ExternalRewrites.class.getName() + ".target";

    private final Routes routes;

    public ExternalRewrites(Routes routes) {
        this.routes = routes;
    }

    public boolean matches(ServerWebExchange exchange) {
        GatewayPlans.Planned planned = GatewayPlans.plan(routes, exchange);
        if (planned != null && planned.plan() instanceof Plan.Proxy proxy) {
            exchange.getAttributes().put(TARGET_ATTRIBUTE, proxy.url());
            return true;
        }
        return false;
    }
}
