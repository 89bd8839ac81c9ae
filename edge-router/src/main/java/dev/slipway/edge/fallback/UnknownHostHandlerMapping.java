package dev.slipway.edge.fallback;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import dev.slipway.protocol.naming.HostNames;

/**
 * Spring's last resort: a request reaches WebFlux only when the static fast path did not claim it, and reaches this
 * mapping only when no Gateway route matched either. Ordered last so Gateway routes added later (SSR, proxies) win.
 * Answers a plain 404 naming the host, which tells a person what is wrong (typo, branch not deployed yet).
 */
public final class UnknownHostHandlerMapping extends AbstractHandlerMapping {

    private final WebHandler notFound = UnknownHostHandlerMapping::notFound;

    public UnknownHostHandlerMapping() {
        setOrder(Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        return Mono.just(notFound);
    }

    private static Mono<Void> notFound(ServerWebExchange exchange) {
        String host = HostNames.normalizeHost(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST));
        byte[] body = ("No site is deployed at " + host + "\n").getBytes(StandardCharsets.UTF_8);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.NOT_FOUND);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getHeaders().setContentLength(body.length);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
