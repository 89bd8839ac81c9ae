package dev.slipway.edge.observe;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.firewall.FirewallWebFilter;
import dev.slipway.edge.firewall.Verdict;
import dev.slipway.edge.site.Site;
import dev.slipway.protocol.naming.HostNames;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The Gateway path's call of {@link RequestObservations}: every request Spring handles (SSR compute routes, 200
 * rewrites to other origins, unknown hosts, and what the fast path handed off after checking basic auth) is recorded
 * once it ends, with the body bytes counted as they are written (a proxied answer may have no Content-Length).
 */
public final class GatewayObservations implements WebFilter, Ordered {

    private final Routes routes;
    private final RequestObservations observations;

    public GatewayObservations(Routes routes, RequestObservations observations) {
        this.routes = routes;
        this.observations = observations;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        long arrival = System.currentTimeMillis();
        AtomicLong bytes = new AtomicLong();
        ServerHttpResponse counted = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return super.writeWith(Flux.from(body).doOnNext(buffer -> bytes.addAndGet(buffer.readableByteCount())));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part)
                        .doOnNext(buffer -> bytes.addAndGet(buffer.readableByteCount()))));
            }
        };
        ServerWebExchange observed = exchange.mutate().response(counted).build();
        return chain.filter(observed).doFinally(signal -> record(observed, start, arrival, bytes.get()));
    }

    private void record(ServerWebExchange exchange, long start, long arrival, long bytes) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        String host = HostNames.normalizeHost(headers.getFirst(HttpHeaders.HOST));
        Site site = host == null ? null : routes.current().site(host);
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        int status = code == null ? 200 : code.value();
        Verdict verdict = exchange.getAttribute(FirewallWebFilter.VERDICT_ATTRIBUTE);
        Result result = verdict != null ? Result.BLOCKED
                : status == 401 && site != null && site.route().basicAuth() != null ? Result.BLOCKED
                : site == null || status >= 500 ? Result.ERROR : Result.COMPUTE;
        String reason = verdict != null ? verdict.reason() : result == Result.BLOCKED ? "auth" : null;
        String uri = request.getURI().getRawQuery() == null ? request.getURI().getRawPath()
                : request.getURI().getRawPath() + "?" + request.getURI().getRawQuery();
        HttpHeaders sent = exchange.getResponse().getHeaders();
        observations.complete(new Observation(System.nanoTime() - start, arrival, site, host,
                request.getMethod().name(), uri, protocol(request), "https".equals(request.getURI().getScheme()),
                request.getRemoteAddress(), headers.getFirst(HttpHeaders.USER_AGENT),
                headers.getFirst(HttpHeaders.REFERER), headers.getFirst(Observation.FORWARDED_FOR),
                headers.getFirst(observations.countryHeader()), status, bytes,
                sent.getFirst(HttpHeaders.CONTENT_TYPE), result, reason));
    }

    private static String protocol(ServerHttpRequest request) {
        return request instanceof AbstractServerHttpRequest spring
                && spring.getNativeRequest() instanceof HttpServerRequest netty ? netty.version().text() : null;
    }
}
