package dev.slipway.controlplane.identity;

/**
 * Who a bearer token belongs to; each kind opens only its own part of the HTTP surface, through its own security
 * filter chain (SecurityConfiguration), matched on the decoded, normalised path.
 */
public enum TokenKind {
    /** People and their scripts: {@code /api/**}. */
    USER("/api/**"),
    /** Build runners and their compute hosts: {@code /runner/**}. */
    RUNNER("/runner/**"),
    /** Edge routers: {@code /edge/**}. */
    EDGE("/edge/**");

    private final String pathPattern;

    TokenKind(String pathPattern) {
        this.pathPattern = pathPattern;
    }

    /** The paths only this kind of token opens (a Spring path pattern). */
    public String pathPattern() {
        return pathPattern;
    }
}
