package dev.slipway.protocol.redirect;

/**
 * The parts of a request that rules look at.
 *
 * @param host    normalized host (lower case, no port)
 * @param path    percent-decoded path, starting with {@code /}
 * @param query   raw query string without {@code ?}, or empty
 * @param country two-letter viewer country, or null when unknown; rules with a {@code condition} are evaluated only
 *                when it is known: the edge has no geo lookup of its own and passes the {@code CloudFront-Viewer-Country}
 *                header of a CDN in front of it, so without one conditions are accepted and ignored
 */
public record RuleRequest(String host, String path, String query, String country) {

    public RuleRequest {
        query = query == null ? "" : query;
    }

    public static RuleRequest of(String host, String path, String query) {
        return new RuleRequest(host, path, query, null);
    }
}
