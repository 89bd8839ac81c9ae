package dev.slipway.protocol.redirect;

/**
 * A rule that applies to a request, with its target resolved.
 *
 * @param index  position of the rule in the app's list
 * @param status what to do
 * @param target for 301/302 the {@code Location} (placeholders substituted, query forwarded when Amplify does);
 *               for 200, 404 and 404-200 the path to serve or, for a 200, the absolute https:// URL to proxy
 * @param proxy  the rule is a 200 rewrite to another origin: its target is written as an https:// URL with its
 *               host, so what a request fills in never decides it (a path rewrite whose capture looks like a URL
 *               stays a path)
 */
public record RuleMatch(int index, RuleStatus status, String target, boolean proxy) {

    /** A match of a rule whose target, as written, is {@code target}. */
    public RuleMatch(int index, RuleStatus status, String target) {
        this(index, status, target, ProxyTargets.isProxy(status, target));
    }

    /** A 200 whose target is another origin: the response must come from there (reverse proxy). */
    public boolean isProxy() {
        return proxy;
    }
}
