package dev.slipway.edge.blobcache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which blobs the disk cache holds, their sizes, and their order of last access; decides what to evict. Only
 * bookkeeping: the files themselves are {@link DiskCachedBlobStore}'s.
 *
 * <p>Eviction is least-recently-used, except that blobs of the deployments the edge serves now ({@link #live}) go
 * only after every other blob: a site's small files are served from the memory cache, so their disk copies are not
 * accessed for as long as they stay hot there, yet they are what the edge needs when the store goes away. Once over
 * the bound, entries go until the total is below {@link #LOW_WATER} of it, so eviction (a walk of the whole order)
 * runs once per few percent of the bound fetched, not on every fetch.
 *
 * <p>Thread-safe: every method holds the index's lock briefly; no I/O happens under it.
 */
final class CacheIndex {

    static final double LOW_WATER = 0.95;

    private final long maxBytes;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<String, Long> sizes = new LinkedHashMap<>(1024, 0.75f, true);
    private long totalBytes;
    private volatile Set<String> live = Set.of();

    CacheIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Records an access; false when the blob is not cached. */
    synchronized boolean touch(String key) {
        return sizes.get(key) != null;
    }

    synchronized boolean contains(String key) {
        return sizes.containsKey(key);
    }

    synchronized long totalBytes() {
        return totalBytes;
    }

    synchronized int count() {
        return sizes.size();
    }

    /** Blobs to keep until nothing else is left to evict: those of the deployments being served. */
    void live(Set<String> keys) {
        live = Set.copyOf(keys);
    }

    /**
     * Adds a blob as the most recently used one and returns the keys to evict, which are already out of the index.
     * The blob just added is never among them, so a blob larger than the whole bound stays until the next addition.
     */
    synchronized List<String> add(String key, long size) {
        Long previous = sizes.put(key, size);
        totalBytes += size - (previous == null ? 0 : previous);
        if (totalBytes <= maxBytes) {
            return List.of();
        }
        long target = (long) (maxBytes * LOW_WATER);
        List<String> evicted = new ArrayList<>();
        Set<String> keep = live;
        evict(target, key, k -> !keep.contains(k), evicted);
        evict(target, key, k -> true, evicted);
        return evicted;
    }

    private void evict(long target, String added, java.util.function.Predicate<String> eligible, List<String> out) {
        Iterator<Map.Entry<String, Long>> oldestFirst = sizes.entrySet().iterator();
        while (totalBytes > target && oldestFirst.hasNext()) {
            Map.Entry<String, Long> entry = oldestFirst.next();
            if (!entry.getKey().equals(added) && eligible.test(entry.getKey())) {
                totalBytes -= entry.getValue();
                out.add(entry.getKey());
                oldestFirst.remove();
            }
        }
    }

    synchronized void remove(String key) {
        Long size = sizes.remove(key);
        if (size != null) {
            totalBytes -= size;
        }
    }
}
