package dev.slipway.edge.proxy;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.site.Access;
import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.Planner;
import dev.slipway.edge.site.Site;
import dev.slipway.edge.skew.SkewPins;
import dev.slipway.protocol.naming.HostNames;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the {@link Planner} says about a request the static fast path left to the Gateway, for the Gateway's route
 * predicates. Null when the host is unknown, the visitor lacks the password, or the site has nothing to proxy.
 */
final class GatewayPlans {

    record Planned(Site site, Plan plan) {
    }

    private GatewayPlans() {
    }

    static Planned plan(Routes routes, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String host = HostNames.normalizeHost(request.getHeaders().getFirst(HttpHeaders.HOST));
        Site site = SkewPins.choose(routes.current().site(host), request.getHeaders().getFirst(SkewPins.HEADER),
                request.getURI().getRawQuery(), request.getHeaders().getFirst(HttpHeaders.COOKIE));
        if (site == null || !site.mayLeaveFastPath()
                || !Access.allowed(site, request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        String target = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        return new Planned(site, Planner.plan(site, host, target,
                request.getHeaders().getFirst(Planner.VIEWER_COUNTRY_HEADER)));
    }
}
