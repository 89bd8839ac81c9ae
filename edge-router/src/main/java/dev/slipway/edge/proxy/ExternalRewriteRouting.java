package dev.slipway.edge.proxy;

import dev.slipway.edge.EdgeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Gateway's routing filter for the {@link #ROUTE_ID} route only, with an HTTP client of its own: names resolved
 * and checked by {@link CheckedAddressResolverGroup} (SSR compute requests, which go to private addresses on purpose,
 * keep the Gateway's client), redirects passed to the visitor rather than followed (a proxy answers what the origin
 * answered; following would send the edge to a Location nobody checked), its own connection pool, and the CAs of
 * {@link EdgeProperties#proxyCaBundle()} trusted besides the JDK's.
 *
 * <p>Runs just before the Gateway's own routing filter, which then sees the request routed and does nothing.
 */
public final class ExternalRewriteRouting extends NettyRoutingFilter {

    public static final String ROUTE_ID = "external-rewrites";

    public ExternalRewriteRouting(EdgeProperties properties, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties httpClientProperties) {
        super(client(properties), headersFilters, httpClientProperties);
    }

    @Override
    public int getOrder() {
        return ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null && ROUTE_ID.equals(route.getId()) ? super.filter(exchange, chain) : chain.filter(exchange);
    }

    private static HttpClient client(EdgeProperties properties) {
        HttpClient client = HttpClient.create(ConnectionProvider.builder(ROUTE_ID).maxConnections(500)
                        .pendingAcquireMaxCount(2000).maxIdleTime(java.time.Duration.ofSeconds(30)).build())
                .resolver(new CheckedAddressResolverGroup(properties.proxyDestinations()))
                .followRedirect(false);
        if (properties.proxyCaBundle() == null || properties.proxyCaBundle().isBlank()) {
            return client;
        }
        TrustManagerFactory trust = trustWithBundle(Path.of(properties.proxyCaBundle()));
        return client.secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                .configure(builder -> builder.trustManager(trust))));
    }

    /** The JDK's trusted CAs plus every certificate of the PEM bundle. */
    private static TrustManagerFactory trustWithBundle(Path bundle) {
        try (InputStream in = Files.newInputStream(bundle)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, issuer);
                    }
                }
            }
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("bundle-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("SLIPWAY_EDGE_PROXY_CA_BUNDLE " + bundle + " is not a readable PEM file "
                    + "of certificates: " + e.getMessage(), e);
        }
    }
}
