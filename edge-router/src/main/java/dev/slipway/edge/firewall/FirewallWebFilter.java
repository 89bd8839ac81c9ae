package dev.slipway.edge.firewall;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.site.Site;
import dev.slipway.protocol.naming.HostNames;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
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
 * The firewall on the Gateway's path (SSR compute routes, 200 rewrites to other origins): the static fast path
 * leaves these requests to Spring, so they are checked here, before any route is chosen or any origin contacted.
 * The one request counted twice: the fast path's hand-off of a basic-auth request whose credentials it verified
 * first ({@code GatewayHandOff}), once per new password, which only makes a limit a request stricter.
 */
public final class FirewallWebFilter implements WebFilter, Ordered {

    /** The exchange attribute a refusal's {@link Verdict} is kept under, for the access log. */
    public static final String VERDICT_ATTRIBUTE = FirewallWebFilter.class.getName() + ".verdict";

    private final Routes routes;
    private final Firewalls firewalls;

    public FirewallWebFilter(Routes routes, Firewalls firewalls) {
        this.routes = routes;
        this.firewalls = firewalls;
    }

    @Override
    public int getOrder() {
        // right after the access log's filter, which times and records the refusals made here
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!firewalls.active()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        Site site = routes.current().site(HostNames.normalizeHost(headers.getFirst(HttpHeaders.HOST)));
        if (site == null) {
            return chain.filter(exchange);
        }
        Verdict verdict = firewalls.check(site.route().appId(), request.getRemoteAddress(), headers::getFirst,
                request.getURI().getRawPath());
        if (verdict.allowed()) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(VERDICT_ATTRIBUTE, verdict);
        return refuse(exchange.getResponse(), verdict);
    }

    private static Mono<Void> refuse(ServerHttpResponse response, Verdict verdict) {
        response.setStatusCode(HttpStatus.valueOf(verdict.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        headers.setCacheControl("no-store");
        if (verdict.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        }
        DataBuffer body = response.bufferFactory().wrap(verdict.body().getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }
}
