package dev.slipway.controlplane.identity;

/** Who a bearer token belongs to; each kind opens only its own part of the HTTP surface. */
public enum TokenKind {
    /** People and their scripts: {@code /api/**}. */
    USER("/api/"),
    /** Build runners: {@code /runner/**}. */
    RUNNER("/runner/"),
    /** Edge routers: {@code /edge/**}. */
    EDGE("/edge/");

    private final String pathPrefix;

    TokenKind(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    public static TokenKind requiredFor(String path) {
        for (TokenKind kind : values()) {
            if (path.startsWith(kind.pathPrefix)) {
                return kind;
            }
        }
        return null;
    }
}
