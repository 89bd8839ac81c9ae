package dev.slipway.edge.serve;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServeChoice}s {@link CachedHits} answered plain requests with, remembered per Host header, request target
 * and Accept-Encoding, so a repeated request skips the host lookup, the redirect rules, path resolution and the header
 * copy (together as much CPU as the rest of a 50 KB hit). A plain request is a keep-alive HTTP/1.1 one without the
 * headers that make an answer differ between two identical targets (Range, If-None-Match, If-Modified-Since, the
 * viewer's country); the answer to it depends on nothing else but the {@link StaticFastPath.PlainHttpScope}, so the
 * memo starts empty whenever the scope changes (a new snapshot, HTTPS coming up).
 *
 * <p>Remembered choices are shared by every connection: their headers are never changed again. The memo is bounded;
 * when full it starts over, so a client asking for endless distinct targets costs a little CPU and nothing else.
 *
 * <p>Thread-safe and lock-free on reads.
 */
final class ServeMemo {

    /** Enough for the hot paths of many sites; one entry is a few hundred bytes of headers. */
    static final int CAPACITY = 4096;

    /**
     * @param acceptEncoding the header as sent, or null
     * @param deployment     the deployment id the request asks for (skew protection), or null when no site has it on
     */
    record Key(String host, String target, String acceptEncoding, String deployment) {

        Key(String host, String target, String acceptEncoding) {
            this(host, target, acceptEncoding, null);
        }
    }

    private record Generation(StaticFastPath.PlainHttpScope scope, ConcurrentHashMap<Key, ServeChoice> choices) {

        boolean serves(StaticFastPath.PlainHttpScope other) {
            return scope.table() == other.table() && scope.httpsPort() == other.httpsPort();
        }
    }

    private volatile Generation generation = fresh(new StaticFastPath.PlainHttpScope(null, -1));

    /** The choice remembered for {@code key} under {@code scope}, or null. */
    ServeChoice get(StaticFastPath.PlainHttpScope scope, Key key) {
        Generation current = generation;
        return current.serves(scope) ? current.choices().get(key) : null;
    }

    /** Remembers a complete choice; its headers must not change after this. */
    void put(StaticFastPath.PlainHttpScope scope, Key key, ServeChoice choice) {
        Generation current = generation;
        if (!current.serves(scope) || current.choices().size() >= CAPACITY) {
            current = fresh(scope);
            generation = current;
        }
        current.choices().put(key, choice);
    }

    int size() {
        return generation.choices().size();
    }

    private static Generation fresh(StaticFastPath.PlainHttpScope scope) {
        return new Generation(scope, new ConcurrentHashMap<>());
    }
}
