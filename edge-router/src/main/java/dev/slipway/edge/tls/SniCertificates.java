package dev.slipway.edge.tls;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.edge.feed.Routes;
import dev.slipway.protocol.naming.HostNames;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.tcp.SslProvider;

/**
 * SNI → TLS context, per handshake: one hash lookup in the current routing table (host → bundle hash) and one in a
 * cache of built contexts (bundle hash → context), so the cost does not depend on how many domains there are. A
 * bundle seen for the first time is loaded on a small worker pool, never on the event loop; a host without a
 * certificate, or whose bundle cannot be loaded, gets the fallback certificate.
 */
final class SniCertificates implements AsyncMapping<String, SslProvider> {

    private static final Logger log = LoggerFactory.getLogger(SniCertificates.class);
    /** Generous: a context is a few KB, and a renewed certificate gets a new hash (the old entry ages out). */
    static final long CACHED_CONTEXTS = 50_000;

    private final Routes routes;
    private final AsyncLoadingCache<String, SslProvider> contexts;
    private final SslProvider fallback;

    SniCertificates(Routes routes, CertificateLoader loader, SslProvider fallback) {
        this.routes = routes;
        this.fallback = fallback;
        Executor loaders = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("slipway-tls-load-", 0)
                .daemon().factory());
        this.contexts = Caffeine.newBuilder().maximumSize(CACHED_CONTEXTS).executor(loaders)
                .buildAsync(hash -> {
                    try {
                        return loader.load(hash);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
    }

    @Override
    public Future<SslProvider> map(String serverName, Promise<SslProvider> promise) {
        String hash = serverName == null ? null : routes.current().certificate(HostNames.normalizeHost(serverName));
        if (hash == null) {
            return promise.setSuccess(fallback);
        }
        contexts.get(hash).whenComplete((context, error) -> {
            if (error != null) {
                log.error("Certificate bundle {} for {} could not be loaded; presenting the fallback: {}", hash,
                        serverName, error.getCause() == null ? error : error.getCause().toString());
                promise.trySuccess(fallback);
            } else {
                promise.trySuccess(context);
            }
        });
        return promise;
    }
}
