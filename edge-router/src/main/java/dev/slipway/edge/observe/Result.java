package dev.slipway.edge.observe;

/** How a request was answered, as access logs and metrics name it ({@code AccessLogEntry#result}). */
public enum Result {
    /** From the edge's memory or an open blob file, by the Netty-level cached-hit path. */
    HIT("Hit"),
    /** Served by the static fast path: planned afresh, bytes read from the blob store or its disk cache. */
    MISS("Miss"),
    /** Proxied by the Gateway: an SSR compute route or a 200 rewrite to another origin. */
    COMPUTE("Compute"),
    REDIRECT("Redirect"),
    /** Refused by the firewall or the site's basic auth. */
    BLOCKED("Blocked"),
    /** A 5xx, or a host no site is deployed at. */
    ERROR("Error");

    private final String label;

    Result(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
