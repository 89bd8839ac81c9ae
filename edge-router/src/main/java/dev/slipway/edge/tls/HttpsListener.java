package dev.slipway.edge.tls;

import dev.slipway.edge.EdgeProperties;
import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.serve.SharedPorts;
import dev.slipway.edge.serve.StaticFastPath;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.tcp.SslProvider;

/**
 * The edge's HTTPS port: a second Reactor Netty server with the same fast path and the same Spring handler behind
 * it as the HTTP port, TLS with the certificate SNI picks ({@link SniCertificates}), and HTTP/2 or HTTP/1.1 by ALPN.
 */
public final class HttpsListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HttpsListener.class);

    private final EdgeProperties properties;
    private final StaticFastPath fastPath;
    private final ObjectProvider<HttpHandler> handler;
    private final ObjectProvider<ReactorResourceFactory> resources;
    private final Http2SslContextSpec fallback = FallbackCertificate.create();
    private final SniCertificates certificates;
    private volatile WebServer server;

    public HttpsListener(EdgeProperties properties, Routes routes, BlobStore blobs, StaticFastPath fastPath,
            ObjectProvider<HttpHandler> handler, ObjectProvider<ReactorResourceFactory> resources) {
        this.properties = properties;
        this.fastPath = fastPath;
        this.handler = handler;
        this.resources = resources;
        this.certificates = new SniCertificates(routes, new CertificateLoader(blobs, new TlsKeyring(properties)),
                SslProvider.builder().sslContext(fallback).build());
    }

    @Override
    public void start() {
        if (properties.httpsPort() < 0) {
            log.info("HTTPS is off (slipway.edge.https-port < 0)");
            return;
        }
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(properties.httpsPort());
        resources.ifAvailable(factory::setResourceFactory);
        factory.addRouteProviders(fastPath);
        factory.addServerCustomizers(http -> http
                // the handshake's flights are several small writes: Nagle would hold each for the client's delayed ACK
                .childOption(ChannelOption.TCP_NODELAY, true)
                .secure(spec -> spec.sslContext(fallback)
                        .setSniAsyncMappings(certificates))
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11));
        if (properties.reusePort()) {
            factory.addServerCustomizers(SharedPorts::reusePort);
        }
        WebServer started = factory.getWebServer(handler.getObject());
        started.start();
        server = started;
        log.info("HTTPS (h2, http/1.1) on port {}", started.getPort());
    }

    /** The bound port (useful when configured as 0), or -1 when HTTPS is off. */
    public int port() {
        WebServer running = server;
        return running == null ? -1 : running.getPort();
    }

    @Override
    public void stop() {
        WebServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
