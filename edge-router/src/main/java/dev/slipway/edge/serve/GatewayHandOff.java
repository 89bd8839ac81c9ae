package dev.slipway.edge.serve;

import io.netty.util.AttributeKey;
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

    /** Marks a request handed on, on its channel (one per HTTP/2 stream), so only the Gateway's filter records it. */
    private static final AttributeKey<Boolean> HANDED_OFF = AttributeKey.valueOf("slipway.handedOff");

    /** Whether {@code request} was handed on; forgets it, so the connection's next request starts afresh. */
    static boolean handedOff(HttpServerRequest request) {
        boolean[] handed = {false};
        request.withConnection(connection -> handed[0] = connection.channel().attr(HANDED_OFF).getAndSet(null) != null);
        return handed[0];
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        request.withConnection(connection -> connection.channel().attr(HANDED_OFF).set(Boolean.TRUE));
        ReactorHttpHandlerAdapter current = adapter;
        if (current == null) {
            current = new ReactorHttpHandlerAdapter(handler.get());
            adapter = current;
        }
        return current.apply(request, response);
    }
}
