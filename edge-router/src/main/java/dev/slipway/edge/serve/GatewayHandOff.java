package dev.slipway.edge.serve;

import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Passes a request the fast path took on to Spring's handler (the Gateway), as if the fast path had never matched it.
 * Needed when basic-auth credentials are verified on a worker for this very request: the routing decision was made
 * before the verdict was known, and the request (its body still unread) belongs to the Gateway after all.
 */
final class GatewayHandOff {

    private final Supplier<HttpHandler> handler;
    private volatile ReactorHttpHandlerAdapter adapter;

    /** @param handler Spring's handler, asked for on first use (it is built after the routes are) */
    GatewayHandOff(Supplier<HttpHandler> handler) {
        this.handler = handler;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        ReactorHttpHandlerAdapter current = adapter;
        if (current == null) {
            current = new ReactorHttpHandlerAdapter(handler.get());
            adapter = current;
        }
        return current.apply(request, response);
    }
}
