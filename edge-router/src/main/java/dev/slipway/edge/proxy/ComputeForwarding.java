package dev.slipway.edge.proxy;

import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.ssr.ComputeApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends an SSR compute request to its compute host (amplify-hosting-reference.md §11, §18): same method, path, query,
 * body and {@code Host} (the app renders absolute URLs from it), {@code X-Forwarded-*} added by the Gateway, and the
 * deployment named in {@link ComputeApi#DEPLOYMENT_HEADER} (set here, so a visitor cannot pick another deployment).
 * A websocket upgrade goes out as {@code ws://}, which the Gateway's websocket filter proxies. The deployment's custom
 * headers apply to compute answers as to static ones, Cache-Control only on 200.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which would otherwise replace the URL with the route's own.
 */
public final class ComputeForwarding implements GatewayFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ComputeRequests.Upstream upstream = exchange.getAttribute(ComputeRequests.UPSTREAM_ATTRIBUTE);
        if (upstream == null) {
            return chain.filter(exchange);
        }
        if (upstream.hostUrl() == null) {
            return unavailable(exchange.getResponse());
        }
        ServerHttpRequest request = exchange.getRequest();
        boolean websocket = "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        String base = websocket ? upstream.hostUrl().replaceFirst("^http", "ws") : upstream.hostUrl();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri(base + upstream.target()));
        exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, true);
        ServerHttpRequest forwarded = request.mutate().headers(headers -> {
            headers.set(ComputeApi.DEPLOYMENT_HEADER, upstream.site().route().deploymentId());
            headers.set(ComputeApi.MANIFEST_HEADER, upstream.site().manifestHash());
        }).build();
        ServerHttpResponse response = exchange.getResponse();
        String path = request.getURI().getPath();
        response.beforeCommit(() -> {
            boolean ok = response.getStatusCode() == null || response.getStatusCode().value() == 200;
            for (Header header : upstream.site().headers().headersFor(path)) {
                if (ok || !header.key().equalsIgnoreCase(HttpHeaders.CACHE_CONTROL)) {
                    response.getHeaders().set(header.key(), header.value());
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    /** Request targets arrive encoded; a rewrite's target may hold decoded text (spaces, non-ASCII) to encode. */
    private static URI uri(String url) {
        try {
            return UriComponentsBuilder.fromUriString(url).build(true).toUri();
        } catch (IllegalArgumentException notEncoded) {
            return UriComponentsBuilder.fromUriString(url).build().encode().toUri();
        }
    }

    private static Mono<Void> unavailable(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        byte[] body = "No compute host is running for this server-side rendered site; retry shortly\n"
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
