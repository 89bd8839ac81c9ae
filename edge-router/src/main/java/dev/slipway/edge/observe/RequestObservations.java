package dev.slipway.edge.observe;

/**
 * The one completion hook of the edge's request paths: the Netty-level cached hits, the static fast path and the
 * Gateway (SSR, rewrites to other origins) each call {@link #complete} once per request they answered, with what they
 * knew; it feeds the Prometheus meters and, when on, the access-log shipper. Cheap and non-blocking: LongAdder
 * increments, one timer record and a queue offer.
 */
public final class RequestObservations implements AutoCloseable {

    private final EdgeMetrics metrics;
    private final AccessLogShipper accessLogs;
    private final String countryHeader;

    /**
     * @param accessLogs    null when access logs are off
     * @param countryHeader the header trusted proxies give the visitor's country in, which paths record for the log
     */
    public RequestObservations(EdgeMetrics metrics, AccessLogShipper accessLogs, String countryHeader) {
        this.metrics = metrics;
        this.accessLogs = accessLogs;
        this.countryHeader = countryHeader;
    }

    public String countryHeader() {
        return countryHeader;
    }

    /** Sends the access-log entries still waiting. */
    @Override
    public void close() {
        if (accessLogs != null) {
            accessLogs.close();
        }
    }

    public void complete(Observation observation) {
        metrics.record(observation);
        if (accessLogs != null) {
            accessLogs.offer(observation);
        }
    }
}
