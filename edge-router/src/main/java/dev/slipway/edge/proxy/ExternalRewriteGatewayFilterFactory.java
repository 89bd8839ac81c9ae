package dev.slipway.edge.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends a request to the absolute URL its rewrite rule resolved to ({@link ExternalRewrites#TARGET_ATTRIBUTE}), as
 * Amplify's 200 rewrite to another origin does (amplify-hosting-reference.md §3.2): the Host header becomes the
 * target's, and the answer is marked uncacheable by default like Amplify's reverse-proxy responses.
 *
 * <p>The other origin is not the site: the visitor's credentials for this site ({@code Authorization}, which may be
 * the site's basic-auth password, {@code Proxy-Authorization}, {@code Cookie}) and Slipway's own {@code X-Slipway-*}
 * headers stay here. An origin that cannot be reached (refused, unresolvable, or an address the edge may not call,
 * see {@link ExternalRewriteRouting}) is a 502, one that does not answer in time a 504.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which would otherwise replace the URL with the route's own.
 */
public class ExternalRewriteGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ExternalRewriteGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(ExternalRewriteGatewayFilterFactory.class);
    private static final List<String> WITHHELD = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION,
            HttpHeaders.COOKIE);

    /** @param cacheControl set on proxied answers that carry none; empty leaves them alone */
    public record Config(String cacheControl) {

        public Config {
            cacheControl = cacheControl == null ? "no-store" : cacheControl;
        }
    }

    public ExternalRewriteGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new OrderedGatewayFilter((exchange, chain) -> {
            String target = exchange.getAttribute(ExternalRewrites.TARGET_ATTRIBUTE);
            if (target == null) {
                return chain.filter(exchange);
            }
            ServerHttpResponse response = exchange.getResponse();
            // captures are decoded path text: encode what a URI cannot carry as is (spaces, non-ASCII)
            URI uri = UriComponentsBuilder.fromUriString(target).build().encode().toUri();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                // the rule parser admits only written-out https origins; an old snapshot may hold anything
                return failed(response, HttpStatus.BAD_GATEWAY, "not an https URL: " + target);
            }
            ServerWebExchange proxied = exchange.mutate().request(request -> request.headers(headers -> {
                WITHHELD.forEach(headers::remove);
                headers.headerNames().stream().filter(name -> name.toLowerCase(Locale.ROOT).startsWith("x-slipway-"))
                        .toList().forEach(headers::remove);
            })).build();
            proxied.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri);
            if (!config.cacheControl().isEmpty()) {
                response.beforeCommit(() -> {
                    if (!response.getHeaders().containsHeader("Cache-Control")) {
                        response.getHeaders().set("Cache-Control", config.cacheControl());
                    }
                    return Mono.empty();
                });
            }
            return chain.filter(proxied).onErrorResume(e -> !response.isCommitted(),
                    e -> failed(response, timedOut(e) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY,
                            uri.getHost() + ": " + reason(e)));
        }, RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1);
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException
                    || e instanceof io.netty.handler.timeout.TimeoutException
                    || e instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || e instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The visitor learns that the origin failed; the log says how (the origin's address stays out of the answer). */
    private static Mono<Void> failed(ServerHttpResponse response, HttpStatus status, String detail) {
        log.info("200 rewrite to another origin failed with {}: {}", status.value(), detail);
        String reason = status == HttpStatus.GATEWAY_TIMEOUT
                ? "The origin this address is served from did not answer in time"
                : "The origin this address is served from cannot be reached";
        response.setStatusCode(status);
        response.getHeaders().clear();
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
