package dev.slipway.edge;

import dev.slipway.edge.blobcache.DiskCachedBlobStore;
import dev.slipway.edge.blobcache.Prefetcher;
import dev.slipway.edge.fallback.UnknownHostHandlerMapping;
import dev.slipway.edge.feed.EdgeInstanceId;
import dev.slipway.edge.feed.RouteFeed;
import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.feed.SnapshotStore;
import dev.slipway.edge.firewall.ClientAddresses;
import dev.slipway.edge.firewall.FirewallWebFilter;
import dev.slipway.edge.firewall.Firewalls;
import dev.slipway.edge.protection.ProtectionWebFilter;
import dev.slipway.edge.protection.Protections;
import dev.slipway.edge.firewall.RateLimiter;
import dev.slipway.edge.observe.AccessLogShipper;
import dev.slipway.edge.observe.EdgeMetrics;
import dev.slipway.edge.observe.GatewayObservations;
import dev.slipway.edge.observe.RequestObservations;
import dev.slipway.edge.proxy.ComputeActivityReporter;
import dev.slipway.edge.proxy.ComputeForwarding;
import dev.slipway.edge.proxy.ComputeInstanceAddresses;
import dev.slipway.edge.proxy.ComputeRequests;
import dev.slipway.edge.proxy.ExternalRewriteGatewayFilterFactory;
import dev.slipway.edge.proxy.ExternalRewriteRouting;
import dev.slipway.edge.proxy.ExternalRewrites;
import dev.slipway.edge.serve.BlobCache;
import dev.slipway.edge.serve.CachedHitHandler;
import dev.slipway.edge.serve.CachedHits;
import dev.slipway.edge.serve.SharedPorts;
import dev.slipway.edge.serve.StaticFastPath;
import dev.slipway.edge.site.RoutingTable;
import dev.slipway.edge.site.RoutingTableBuilder;
import dev.slipway.edge.tls.HttpsListener;
import dev.slipway.protocol.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.slipway.protocol.blob.BlobTransfer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Wires the edge: blob store, routing table (loaded from disk first), route feed, the static fast path on the HTTP
 * and HTTPS ports, and the Gateway routes for SSR compute and rewrites to other origins.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfiguration.class);

    /**
     * Where blobs come from: the store of {@code SLIPWAY_BLOB_STORE} when set (under {@code ./slipway up} the runner
     * writes blobs to the same directory, architecture.md §3), else the control plane's blob API with the edge token
     * (which redirects to presigned URLs when its store is S3): an edge on another machine needs only HTTP.
     */
    static BlobStore upstreamBlobStore(EdgeProperties properties) throws IOException {
        if (properties.blobs().throughControlPlane()) {
            log.info("Blob store: the control plane's blob API at {}", properties.controlPlaneUrl());
        }
        return properties.blobs().openOrThroughControlPlane(properties.controlPlaneUrl(), properties.token(),
                BlobTransfer.EDGE_PREFIX, properties.blobDir());
    }

    /** The upstream store behind the edge's bounded disk cache, so every served blob is a local file. */
    @Bean
    BlobStore blobStore(EdgeProperties properties) throws IOException {
        return DiskCachedBlobStore.over(upstreamBlobStore(properties), properties.diskCacheDir(),
                properties.diskCacheSize().toBytes(), properties.fetchTimeout());
    }

    @Bean
    Consumer<RoutingTable> blobPrefetcher(BlobStore blobs) {
        return Prefetcher.forStore(blobs);
    }

    @Bean
    Firewalls firewalls(EdgeProperties properties) {
        return new Firewalls(new ClientAddresses(properties.trustedProxies(), properties.countryHeader()),
                new RateLimiter());
    }

    @Bean
    Protections protections() {
        return new Protections(Clock.systemUTC());
    }

    @Bean
    Routes routes(EdgeProperties properties, BlobStore blobs, Consumer<RoutingTable> blobPrefetcher,
            Firewalls firewalls, EdgeMetrics metrics, Protections protections) {
        return new Routes(new RoutingTableBuilder(blobs, properties.smallFileLimit().toBytes()),
                new SnapshotStore(properties.snapshotFile()), blobPrefetcher.andThen(metrics::routesApplied),
                snapshot -> {
                    firewalls.update(snapshot.apps());
                    protections.update(snapshot.protection());
                });
    }

    @Bean
    ProtectionWebFilter protectionWebFilter(Routes routes, Protections protections) {
        return new ProtectionWebFilter(routes, protections);
    }

    /** The route snapshot's gauges read the {@link Routes} bean, which needs these meters first: asked for lazily. */
    @Bean
    EdgeMetrics edgeMetrics(MeterRegistry registry, ObjectProvider<Routes> routes) {
        return new EdgeMetrics(registry, () -> routes.getObject().version(),
                () -> routes.getObject().confirmedAtMillis());
    }

    /** Closed on shutdown, which sends the access-log entries still waiting. */
    @Bean
    RequestObservations requestObservations(EdgeProperties properties, EdgeMetrics metrics) {
        AccessLogShipper accessLogs = !properties.accessLogs() ? null
                : new AccessLogShipper(properties.controlPlaneUrl(), properties.token(),
                        EdgeInstanceId.of(properties.instanceIdFile()), properties.accessLogInterval(),
                        new ClientAddresses(properties.trustedProxies(), properties.countryHeader()));
        return new RequestObservations(metrics, accessLogs, properties.countryHeader());
    }

    @Bean
    GatewayObservations gatewayObservations(Routes routes, RequestObservations observations) {
        return new GatewayObservations(routes, observations);
    }

    @Bean
    FirewallWebFilter firewallWebFilter(Routes routes, Firewalls firewalls) {
        return new FirewallWebFilter(routes, firewalls);
    }

    @Bean
    RouteFeed routeFeed(EdgeProperties properties, Routes routes) {
        return new RouteFeed(properties, routes);
    }

    @Bean
    BlobCache blobCache(EdgeProperties properties, BlobStore blobs) {
        return new BlobCache(blobs, properties.blobCacheSize().toBytes());
    }

    @Bean
    StaticFastPath staticFastPath(EdgeProperties properties, Routes routes, Firewalls firewalls,
            Protections protections, BlobStore blobs, BlobCache cache, ObjectProvider<HttpsListener> https,
            ObjectProvider<HttpHandler> handler, RequestObservations observations) {
        // the HTTPS port may be 0 (any free port): ask the listener which one it got
        return new StaticFastPath(routes, firewalls, protections, blobs, cache, () -> properties.httpsPublicPort() > 0
                ? properties.httpsPublicPort() : https.getObject().port(), handler::getObject, observations);
    }

    @Bean
    HttpsListener httpsListener(EdgeProperties properties, Routes routes, BlobStore blobs, StaticFastPath fastPath,
            ObjectProvider<HttpHandler> handler, ObjectProvider<ReactorResourceFactory> resources) {
        return new HttpsListener(properties, routes, blobs, fastPath, handler, resources);
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> staticFastPathRoute(EdgeProperties properties,
            StaticFastPath fastPath, Firewalls firewalls, BlobCache cache, BlobStore blobs,
            RequestObservations observations) {
        CachedHits hits = new CachedHits(fastPath, firewalls, cache, blobs, properties.zeroCopyFrom().toBytes(),
                properties.zeroCopyBelow().toBytes(), observations);
        return factory -> {
            factory.addRouteProviders(fastPath);
            factory.addServerCustomizers(server -> CachedHitHandler.install(server, hits));
            if (properties.reusePort()) {
                factory.addServerCustomizers(SharedPorts::reusePort);
            }
        };
    }

    @Bean
    ExternalRewriteGatewayFilterFactory externalRewriteGatewayFilterFactory() {
        return new ExternalRewriteGatewayFilterFactory();
    }

    @Bean
    ComputeInstanceAddresses computeInstanceAddresses(Routes routes, EdgeMetrics metrics) {
        return new ComputeInstanceAddresses(() -> routes.current().computeAccessKey(), metrics::coldStart);
    }

    @Bean
    ComputeActivityReporter computeActivityReporter(ComputeInstanceAddresses addresses) {
        return new ComputeActivityReporter(addresses);
    }

    @Bean
    ExternalRewriteRouting externalRewriteRouting(EdgeProperties properties,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties httpClientProperties) {
        return new ExternalRewriteRouting(properties, headersFilters, httpClientProperties);
    }

    /** The two kinds of site request the fast path leaves to the Gateway: SSR compute routes and 200 rewrites to another origin. */
    @Bean
    RouteLocator proxiedRoutes(RouteLocatorBuilder builder, Routes routes, EdgeProperties properties,
            ExternalRewriteGatewayFilterFactory proxy, ComputeInstanceAddresses addresses,
            ComputeActivityReporter activity, BlobStore blobs) {
        ExternalRewrites rewrites = new ExternalRewrites(routes);
        ComputeRequests compute = new ComputeRequests(routes);
        return builder.routes()
                .route("ssr-compute", r -> r.predicate(compute::matches)
                        .filters(f -> f.filter(new ComputeForwarding(addresses, activity, blobs)))
                        // never contacted: the filter replaces the URL with the app's
                        .uri("http://compute-host.invalid"))
                .route(ExternalRewriteRouting.ROUTE_ID, r -> r.predicate(rewrites::matches)
                        .filters(f -> f.filter(proxy.apply(new ExternalRewriteGatewayFilterFactory.Config(null))))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.proxyTimeout().toMillis())
                        // never contacted: the filter replaces the URL with the rule's target
                        .uri("https://external-rewrite.invalid"))
                .build();
    }

    @Bean
    UnknownHostHandlerMapping unknownHostHandlerMapping() {
        return new UnknownHostHandlerMapping();
    }
}
