package dev.slipway.edge.observe;

import dev.slipway.edge.site.Site;
import java.net.SocketAddress;

/**
 * What one of the edge's request paths knew about a request it answered. Built once per request by the path that
 * answered it and handed to {@link RequestObservations#complete}; strings it did not know are null.
 *
 * @param durationNanos from the request's arrival to its answer handed to the socket
 * @param epochMillis  wall-clock time of arrival
 * @param site         the site that answered, or null (unknown host, the edge's own paths)
 * @param host         the Host header without port
 * @param forwardedFor the X-Forwarded-For header, which a trusted proxy's client address is taken from
 * @param country      the country header a trusted proxy sets
 */
public record Observation(long durationNanos, long epochMillis, Site site, String host, String method, String uri,
                          String protocol, boolean https, SocketAddress peer, String userAgent, String referer,
                          String forwardedFor, String country, int status, long bytes, String contentType,
                          Result result, String blockedReason) {

    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /** The status class label, {@code 2xx} and so on; 0-99 and 600+ count as {@code other}. */
    int statusClass() {
        int group = status / 100;
        return group >= 1 && group <= 5 ? group : 0;
    }
}
