package dev.slipway.protocol.redirect;

/**
 * The parts of a request that rules look at.
 *
 * @param host    normalized host (lower case, no port)
 * @param path    percent-decoded path, starting with {@code /}
 * @param query   raw query string without {@code ?}, or empty
 * @param country two-letter viewer country, or null when unknown; rules with a {@code condition} are evaluated only
 *                when it is known (a self-hosted edge has no geo lookup, so conditions are accepted and ignored)
 */
public record RuleRequest(String host, String path, String query, String country) {

    public RuleRequest {
        query = query == null ? "" : query;
    }

    public static RuleRequest of(String host, String path, String query) {
        return new RuleRequest(host, path, query, null);
    }
}
