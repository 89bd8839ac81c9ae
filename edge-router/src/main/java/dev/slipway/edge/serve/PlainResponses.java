package dev.slipway.edge.serve;

import dev.slipway.edge.protection.Protections;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/** Short text and JSON answers of the fast path (errors, health), written in one go. */
final class PlainResponses {

    private static final String TEXT = "text/plain; charset=utf-8";

    private PlainResponses() {
    }

    static Publisher<Void> text(HttpServerResponse response, HttpResponseStatus status, String body, boolean head) {
        return write(response, status, TEXT, body, head);
    }

    static Publisher<Void> json(HttpServerResponse response, String body, boolean head) {
        return write(response, HttpResponseStatus.OK, "application/json", body, head);
    }

    /** 301 to {@code location}: HTTP → HTTPS for hosts with a certificate. */
    static Publisher<Void> redirect(HttpServerResponse response, String location) {
        response.header(HttpHeaderNames.LOCATION, location);
        return write(response, HttpResponseStatus.MOVED_PERMANENTLY, TEXT, "Moved to " + location + "\n", false);
    }

    /** A protected site's redirect to sign in, the callback's redirect with its cookie, or a refusal. */
    static Publisher<Void> gate(HttpServerResponse response, Protections.Gate gate, boolean head) {
        if (gate.location() != null) {
            response.header(HttpHeaderNames.LOCATION, gate.location());
        }
        if (gate.setCookie() != null) {
            response.header(HttpHeaderNames.SET_COOKIE, gate.setCookie());
        }
        return write(response, HttpResponseStatus.valueOf(gate.status()), TEXT, gate.body(), head);
    }

    private static Publisher<Void> write(HttpServerResponse response, HttpResponseStatus status, String contentType,
            String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff");
        if (head) {
            return response.send();
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return response.sendObject(buf);
    }
}
