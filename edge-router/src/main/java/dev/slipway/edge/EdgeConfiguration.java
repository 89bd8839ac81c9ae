package dev.slipway.edge;

import dev.slipway.edge.fallback.UnknownHostHandlerMapping;
import dev.slipway.edge.feed.RouteFeed;
import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.feed.SnapshotStore;
import dev.slipway.edge.serve.BlobCache;
import dev.slipway.edge.serve.StaticFastPath;
import dev.slipway.edge.site.RoutingTableBuilder;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.io.IOException;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the edge: blob store, routing table (loaded from disk first), route feed, and the static fast path. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    BlobStore blobStore(EdgeProperties properties) throws IOException {
        // the runner writes blobs here; on one machine both see the same directory (architecture.md §3)
        return new FileSystemBlobStore(properties.blobDir());
    }

    @Bean
    Routes routes(EdgeProperties properties, BlobStore blobs) {
        return new Routes(new RoutingTableBuilder(blobs, properties.smallFileLimit().toBytes()),
                new SnapshotStore(properties.snapshotFile()));
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
    StaticFastPath staticFastPath(Routes routes, BlobStore blobs, BlobCache cache) {
        return new StaticFastPath(routes, blobs, cache);
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> staticFastPathRoute(StaticFastPath fastPath) {
        return factory -> factory.addRouteProviders(fastPath);
    }

    @Bean
    UnknownHostHandlerMapping unknownHostHandlerMapping() {
        return new UnknownHostHandlerMapping();
    }
}
