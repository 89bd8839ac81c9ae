package dev.slipway.edge.proxy;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends a request to the absolute URL its rewrite rule resolved to ({@link ExternalRewrites#TARGET_ATTRIBUTE}), as
 * Amplify's 200 rewrite to another origin does (amplify-hosting-reference.md §3.2): the Host header becomes the
 * target's, and the answer is marked uncacheable by default like Amplify's reverse-proxy responses.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which would otherwise replace the URL with the route's own.
 */
public class ExternalRewriteGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ExternalRewriteGatewayFilterFactory.Config> {

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
            // captures are decoded path text: encode what a URI cannot carry as is (spaces, non-ASCII)
            URI uri = UriComponentsBuilder.fromUriString(target).build().encode().toUri();
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri);
            if (!config.cacheControl().isEmpty()) {
                exchange.getResponse().beforeCommit(() -> {
                    if (!exchange.getResponse().getHeaders().containsHeader("Cache-Control")) {
                        exchange.getResponse().getHeaders().set("Cache-Control", config.cacheControl());
                    }
                    return reactor.core.publisher.Mono.empty();
                });
            }
            return chain.filter(exchange);
        }, RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1);
    }
}
