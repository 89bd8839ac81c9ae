package dev.slipway.edge.protection;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.site.Site;
import dev.slipway.protocol.naming.HostNames;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * TEAM access control on the Gateway's path (SSR compute routes, 200 rewrites to other origins). The fast path only
 * lets through requests it found {@link Protections#allowed}, so this catches what a snapshot swap in between
 * changed; right after the firewall, before any origin is contacted.
 */
public final class ProtectionWebFilter implements WebFilter, Ordered {

    private final Routes routes;
    private final Protections protections;

    public ProtectionWebFilter(Routes routes, Protections protections) {
        this.routes = routes;
        this.protections = protections;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!protections.active()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        Site site = routes.current().site(HostNames.normalizeHost(headers.getFirst(HttpHeaders.HOST)));
        if (site == null || site.route().protection() == null) {
            return chain.filter(exchange);
        }
        String uri = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        Protections.Gate gate = protections.gate(site, uri, headers::getFirst, request.getSslInfo() != null);
        if (gate == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(gate.status()));
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        if (gate.location() != null) {
            response.getHeaders().set(HttpHeaders.LOCATION, gate.location());
        }
        if (gate.setCookie() != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, gate.setCookie());
        }
        return response.writeWith(Mono.just(response.bufferFactory()
                .wrap(gate.body().getBytes(StandardCharsets.UTF_8))));
    }
}
