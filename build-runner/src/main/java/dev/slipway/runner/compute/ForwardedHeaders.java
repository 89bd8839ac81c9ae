package dev.slipway.runner.compute;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Which headers cross the proxy: everything end-to-end, {@code Host} included, but never hop-by-hop headers (RFC 9110
 * §7.6.1, plus those the {@code Connection} header names) nor, towards the app, Slipway's own {@code X-Slipway-*}
 * routing headers.
 */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final String SLIPWAY_PREFIX = "x-slipway-";
    /** Reactor Netty's websocket client writes its own handshake; copies of the visitor's would clash. */
    private static final Set<String> WEBSOCKET_HANDSHAKE = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-accept", "sec-websocket-protocol");

    private ForwardedHeaders() {
    }

    static HttpHeaders toApp(HttpHeaders incoming) {
        return copy(incoming, true, false);
    }

    static HttpHeaders toAppWebsocket(HttpHeaders incoming) {
        return copy(incoming, true, true);
    }

    static HttpHeaders fromApp(HttpHeaders incoming) {
        return copy(incoming, false, false);
    }

    private static HttpHeaders copy(HttpHeaders incoming, boolean towardsApp, boolean websocket) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String value : incoming.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : incoming) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (dropped.contains(name) || (towardsApp && name.startsWith(SLIPWAY_PREFIX))
                    || (websocket && WEBSOCKET_HANDSHAKE.contains(name))) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        return out;
    }
}
