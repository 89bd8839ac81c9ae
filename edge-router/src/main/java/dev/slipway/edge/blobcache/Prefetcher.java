package dev.slipway.edge.blobcache;

import dev.slipway.edge.site.RoutingTable;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.site.Site;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches every blob of the deployments the edge serves into the disk cache as soon as their routes arrive, so a
 * site survives the store going away without anyone having requested it: each deployment's files, and the
 * certificate bundles of its hosts (its manifest is cached already: the routing table was built from it).
 *
 * <p>One thread walks the newest table, deployment after deployment in the snapshot's order, with at most
 * {@link #CONCURRENCY} downloads at once. A newer table replaces the walk (deployments no longer served are
 * dropped); a deployment is fetched once, and retried after {@link #RETRY_MILLIS} while some of its files could not
 * be fetched. Deployments are taken while all the served blobs up to them fit in the cache's bound; the rest are
 * skipped and logged, and fetched on demand. The served blobs are also the ones eviction keeps longest
 * ({@link CacheIndex#live}). Thread-safe; {@link #accept} never blocks.
 */
public final class Prefetcher implements Consumer<RoutingTable>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Prefetcher.class);
    static final int CONCURRENCY = UpstreamFetches.THREADS / 2;
    private static final long RETRY_MILLIS = 30_000;

    private final DiskCachedBlobStore cache;
    private final ExecutorService downloads = Executors.newFixedThreadPool(CONCURRENCY,
            Thread.ofPlatform().name("slipway-prefetch-", 0).daemon().factory());
    private final Thread walker;
    /** Manifests whose every blob was in the cache once. */
    private final Set<String> done = new HashSet<>();
    private RoutingTable latest;
    private boolean changed;

    /** A served deployment and its blobs with their sizes. */
    private record Deployment(Site site, Map<String, Long> blobs) {
    }

    public Prefetcher(DiskCachedBlobStore cache) {
        this.cache = cache;
        this.walker = Thread.ofPlatform().name("slipway-prefetch").daemon().start(this::run);
    }

    /** For a store that has no disk cache: nothing to prefetch. */
    public static Consumer<RoutingTable> forStore(dev.slipway.protocol.blob.BlobStore blobs) {
        return blobs instanceof DiskCachedBlobStore cached ? new Prefetcher(cached) : table -> { };
    }

    @Override
    public synchronized void accept(RoutingTable table) {
        latest = table;
        changed = true;
        notifyAll();
    }

    /** Whether every blob of the deployment with this manifest is cached (for tests and logs). */
    public synchronized boolean prefetched(String manifestHash) {
        return done.contains(manifestHash);
    }

    private void run() {
        try {
            while (true) {
                RoutingTable table = awaitTable();
                boolean complete = walk(table);
                synchronized (this) {
                    if (!complete && !changed) {
                        wait(RETRY_MILLIS);
                        changed = true;
                    }
                }
            }
        } catch (InterruptedException stop) {
            // closing
        }
    }

    private synchronized RoutingTable awaitTable() throws InterruptedException {
        while (!changed) {
            wait();
        }
        changed = false;
        return latest;
    }

    /** @return whether every deployment that fits was fetched completely */
    private boolean walk(RoutingTable table) throws InterruptedException {
        Map<String, Site> deployments = new LinkedHashMap<>();
        table.sites().values().forEach(site -> deployments.putIfAbsent(site.manifestHash(), site));
        Set<String> live = new HashSet<>(table.certificates().values());
        List<Deployment> fitting = new ArrayList<>();
        long liveBytes = 0;
        for (Site site : deployments.values()) {
            Map<String, Long> blobs = blobsOf(site);
            long bytes = blobs.values().stream().mapToLong(Long::longValue).sum();
            if (liveBytes + bytes > cache.maxBytes()) {
                log.warn("Not prefetching deployment {} ({} file(s), {} MB): the disk cache's bound of {} MB is "
                        + "taken by the deployments before it; its files are fetched when asked for",
                        site.route().deploymentId(), blobs.size(), bytes >> 20, cache.maxBytes() >> 20);
                continue;
            }
            liveBytes += bytes;
            live.add(site.manifestHash());
            live.addAll(blobs.keySet());
            fitting.add(new Deployment(site, blobs));
        }
        cache.live(live);
        synchronized (this) {
            done.retainAll(deployments.keySet()); // a deployment served again later is checked again
        }
        boolean complete = true;
        for (String bundle : table.certificates().values()) {
            complete &= fetch(bundle) == null;
        }
        for (Deployment deployment : fitting) {
            if (isChanged()) {
                return true; // a newer table is waiting: walk that one instead
            }
            if (!prefetched(deployment.site().manifestHash())) {
                complete &= prefetch(deployment.site(), deployment.blobs());
            }
        }
        return complete;
    }

    private static Map<String, Long> blobsOf(Site site) {
        Map<String, Long> blobs = new LinkedHashMap<>();
        for (ServedFile file : site.files().values()) {
            blobs.putIfAbsent(file.hash(), file.size());
        }
        return blobs;
    }

    private boolean prefetch(Site site, Map<String, Long> blobs) throws InterruptedException {
        long started = System.nanoTime();
        List<Future<IOException>> pending = new ArrayList<>();
        long fetchedBytes = 0;
        int fetched = 0;
        for (Map.Entry<String, Long> blob : blobs.entrySet()) {
            if (!cache.isCached(blob.getKey())) {
                pending.add(downloads.submit(() -> fetch(blob.getKey())));
                fetched++;
                fetchedBytes += blob.getValue();
            }
        }
        List<String> failures = new ArrayList<>();
        for (Future<IOException> result : pending) {
            try {
                IOException failure = result.get();
                if (failure != null) {
                    failures.add(failure.getMessage());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (failures.isEmpty()) {
            synchronized (this) {
                done.add(site.manifestHash());
            }
            if (fetched > 0) {
                log.info("Prefetched deployment {}: {} file(s), {} bytes in {} ms", site.route().deploymentId(),
                        fetched, fetchedBytes, millis);
            }
            return true;
        }
        log.warn("Prefetching deployment {}: {} of {} file(s) could not be fetched (first: {}); retrying later",
                site.route().deploymentId(), failures.size(), fetched, failures.getFirst());
        return false;
    }

    /** @return the failure, or null once the blob is cached */
    private IOException fetch(String key) {
        try {
            cache.fetch(key);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private synchronized boolean isChanged() {
        return changed;
    }

    @Override
    public void close() {
        walker.interrupt();
        downloads.shutdownNow();
    }
}
