package dev.slipway.runner.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTests {

    @Test
    void towardsTheAppKeepsEndToEndHeadersAndHostButDropsHopByHopAndSlipwayHeaders() {
        HttpHeaders in = new DefaultHttpHeaders()
                .add("Host", "main.app.example")
                .add("Cookie", "a=1")
                .add("X-Forwarded-For", "203.0.113.9")
                .add("Connection", "keep-alive, X-Custom-Hop")
                .add("X-Custom-Hop", "gone")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("X-Slipway-Deployment", "d1")
                .add("x-slipway-manifest", "abc")
                .add("Accept", "text/html")
                .add("Accept", "application/json");

        HttpHeaders out = ForwardedHeaders.toApp(in);

        assertThat(out.get("Host")).isEqualTo("main.app.example");
        assertThat(out.getAll("Accept")).containsExactly("text/html", "application/json");
        assertThat(out.get("Cookie")).isEqualTo("a=1");
        assertThat(out.get("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(out.names()).map(String::toLowerCase).doesNotContain("connection", "x-custom-hop", "keep-alive",
                "transfer-encoding", "x-slipway-deployment", "x-slipway-manifest");
    }

    @Test
    void fromTheAppKeepsItsOwnHeadersButNotHopByHop() {
        HttpHeaders in = new DefaultHttpHeaders()
                .add("Set-Cookie", "a=1").add("Set-Cookie", "b=2")
                .add("Content-Length", "12")
                .add("Transfer-Encoding", "chunked")
                .add("X-Slipway-Cache", "app may set it");

        HttpHeaders out = ForwardedHeaders.fromApp(in);

        assertThat(out.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(out.get("Content-Length")).isEqualTo("12");
        assertThat(out.get("X-Slipway-Cache")).isEqualTo("app may set it");
        assertThat(out.contains("Transfer-Encoding")).isFalse();
    }

    @Test
    void websocketHandshakeHeadersAreLeftToTheProxysOwnClient() {
        HttpHeaders in = new DefaultHttpHeaders().add("Sec-WebSocket-Key", "k").add("Sec-WebSocket-Version", "13")
                .add("Upgrade", "websocket").add("Origin", "https://main.app.example");

        HttpHeaders out = ForwardedHeaders.toAppWebsocket(in);

        assertThat(out.names()).containsExactly("Origin");
    }
}
