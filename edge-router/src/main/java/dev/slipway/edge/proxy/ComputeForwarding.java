package dev.slipway.edge.proxy;

import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.skew.SkewPins;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.headers.Header;
import dev.slipway.protocol.ssr.ComputeInstanceAddress;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Sends an SSR compute request straight to the deployment's app, at the address its compute host gave
 * ({@link ComputeInstanceAddresses}; amplify-hosting-reference.md §11, §18): same method, path, query, body and
 * {@code Host} (the app renders absolute URLs from it), {@code X-Forwarded-*} added by the Gateway, and none of the
 * visitor's {@code X-Slipway-*} headers. A websocket upgrade goes out as {@code ws://}, which the Gateway's websocket
 * filter proxies. The deployment's custom headers apply to compute answers as to static ones, Cache-Control only on
 * 200.
 *
 * <p>A Compute route with a Static fallback serves the deployment's file instead of the app's 404 to a GET.
 *
 * <p>An address that refuses the connection (the app crashed or was stopped as idle a moment ago) is replaced by the
 * compute host and the request sent once more: nothing reached the app, so even a POST is safe to repeat.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which would otherwise replace the URL with the route's own.
 */
public final class ComputeForwarding implements GatewayFilter, Ordered {

    private static final String SLIPWAY_HEADER_PREFIX = "x-slipway-";

    private final ComputeInstanceAddresses addresses;
    private final ComputeActivityReporter activity;
    private final BlobStore blobs;

    public ComputeForwarding(ComputeInstanceAddresses addresses, ComputeActivityReporter activity, BlobStore blobs) {
        this.addresses = addresses;
        this.activity = activity;
        this.blobs = blobs;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ComputeRequests.Upstream upstream = exchange.getAttribute(ComputeRequests.UPSTREAM_ATTRIBUTE);
        if (upstream == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        String host = upstream.hostUrl();
        if (host == null) {
            return unavailable(response, HttpStatus.SERVICE_UNAVAILABLE, "5",
                    "No compute host is running for this server-side rendered site; retry shortly");
        }
        String deploymentId = upstream.site().route().deploymentId();
        String manifestHash = upstream.site().manifestHash();
        ServerHttpRequest request = exchange.getRequest();
        ServerWebExchange forwarded = exchange.mutate().request(request.mutate().headers(headers -> {
            List<String> slipway = headers.headerNames().stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(SLIPWAY_HEADER_PREFIX)).toList();
            slipway.forEach(headers::remove);
        }).build()).build();
        applyCustomHeaders(response, upstream, request.getURI().getPath());
        boolean websocket = "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        ComputeActivityReporter.Usage usage = activity.opened(host, deploymentId);
        return addresses.locate(host, deploymentId, manifestHash)
                .flatMap(address -> send(forwarded, chain, upstream, address, websocket)
                        .onErrorResume(e -> refused(e) && !response.isCommitted(), refused -> addresses
                                .replace(host, deploymentId, manifestHash, address)
                                .flatMap(next -> send(forwarded, chain, upstream, next, websocket))))
                .then(Mono.defer(() -> staticInsteadOfNotFound(forwarded, upstream.staticFallback())))
                .onErrorResume(ComputeRefusal.class, refusal -> response.isCommitted() ? Mono.error(refusal)
                        : unavailable(response, HttpStatus.valueOf(refusal.status()), refusal.retryAfter(),
                                refusal.getMessage()))
                .onErrorResume(e -> refused(e) && !response.isCommitted(), e -> unavailable(response,
                        HttpStatus.BAD_GATEWAY, "5", "The compute host of this site is unreachable; retry shortly"))
                .doFinally(signal -> usage.closed());
    }

    private static Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain,
                                   ComputeRequests.Upstream upstream, ComputeInstanceAddress address,
                                   boolean websocket) {
        String base = websocket ? address.url().replaceFirst("^http", "ws") : address.url();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri(base + upstream.target()));
        exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, true);
        // a second attempt runs the routing filters again
        exchange.getAttributes().remove(ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR);
        return chain.filter(exchange);
    }

    /**
     * The route's Static fallback (amplify-hosting-reference.md §11.2): when the app answers a GET with 404 and the
     * deployment has the file, the file is the answer. The app's 404 body is never read: its connection is closed and
     * the Gateway's response writer, finding no connection, copies nothing.
     */
    private Mono<Void> staticInsteadOfNotFound(ServerWebExchange exchange, Plan.Serve fallback) {
        ServerHttpResponse response = exchange.getResponse();
        if (fallback == null || response.isCommitted() || !HttpMethod.GET.equals(exchange.getRequest().getMethod())
                || response.getStatusCode() == null || response.getStatusCode().value() != 404) {
            return Mono.empty();
        }
        Connection appAnswer = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (appAnswer == null) {
            return Mono.empty();
        }
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        appAnswer.dispose();
        ServedFile file = fallback.file();
        return Mono.fromCallable(() -> blobs.read(file.hash())).subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> {
                    HttpHeaders headers = response.getHeaders();
                    headers.clear();
                    file.headers().forEach(header -> headers.set(header.getKey(), header.getValue()));
                    if (fallback.cacheControl() != null) {
                        headers.setCacheControl(fallback.cacheControl());
                    }
                    response.setStatusCode(HttpStatus.OK);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
                });
    }

    private static void applyCustomHeaders(ServerHttpResponse response, ComputeRequests.Upstream upstream,
                                           String path) {
        response.beforeCommit(() -> {
            boolean ok = response.getStatusCode() == null || response.getStatusCode().value() == 200;
            for (Header header : upstream.site().headers().headersFor(path)) {
                if (ok || !header.key().equalsIgnoreCase(HttpHeaders.CACHE_CONTROL)) {
                    response.getHeaders().set(header.key(), header.value());
                }
            }
            if (upstream.site().skewProtected()) {
                String cookie = SkewPins.cookieFor(upstream.site(),
                        response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
                if (cookie != null) {
                    response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
                }
            }
            return Mono.empty();
        });
    }

    /** The connection was refused: the request never left the edge. */
    private static boolean refused(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ConnectException) {
                return true;
            }
        }
        return false;
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

    private static Mono<Void> unavailable(ServerHttpResponse response, HttpStatus status, String retryAfter,
                                          String reason) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().setCacheControl("no-store");
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
