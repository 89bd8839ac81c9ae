package dev.slipway.protocol.redirect;

import dev.slipway.protocol.net.Destinations;
import java.util.Locale;

/**
 * What a 200 rewrite may send the edge to (amplify-hosting-reference.md §3.2). A rule is a reverse proxy only when
 * its target is an {@code https://} URL whose scheme and host are written out: placeholders may fill in the path and
 * query, never the origin, or a visitor's path would choose what the edge connects to ({@code /<*>} → {@code <*>} is
 * an open proxy, {@code <s>://127.0.0.1:8080/<*>} reaches the control plane). A literal address in a blocked range
 * ({@link Destinations}) is refused here; names are checked by the edge once resolved.
 */
final class ProxyTargets {

    private static final String HTTPS = "https://";

    private ProxyTargets() {
    }

    /** Whether a rule of this status and (trimmed) target proxies: decided by the rule, not by what a request fills in. */
    static boolean isProxy(RuleStatus status, String target) {
        return status == RuleStatus.REWRITE && target.regionMatches(true, 0, HTTPS, 0, HTTPS.length());
    }

    /** @return why a 200 rewrite's target is refused, or null when it is a path or a proxy target the edge may use */
    static String problem(String target) {
        if (!isProxy(RuleStatus.REWRITE, target)) {
            int slash = target.indexOf('/');
            String head = slash < 0 ? target : target.substring(0, slash);
            if (target.startsWith("//") || head.indexOf(':') >= 0 || head.indexOf('<') >= 0) {
                return "a 200 rewrite's target must be a path starting with / or an https:// URL whose host is "
                        + "written out (target '" + target + "')";
            }
            return null;
        }
        int end = HTTPS.length();
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        String authority = target.substring(HTTPS.length(), end);
        if (authority.indexOf('<') >= 0 || authority.indexOf('>') >= 0) {
            return "the host of a 200 rewrite to another origin must be written out; placeholders may only fill in "
                    + "its path or query (target '" + target + "')";
        }
        if (authority.indexOf('@') >= 0) {
            return "a 200 rewrite's target must not carry credentials (target '" + target + "')";
        }
        String host = host(authority);
        if (host == null) {
            return "target '" + target + "' has no valid host and port";
        }
        String refusal = Destinations.literalRefusal(host);
        return refusal == null ? null : "the edge never proxies to " + refusal + " (target '" + target + "')";
    }

    /** The host of {@code host[:port]} or {@code [v6][:port]}, or null when it is malformed. */
    private static String host(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            port = authority.substring(close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon);
            if (!host.toLowerCase(Locale.ROOT).matches("[a-z0-9]([a-z0-9_.-]*[a-z0-9])?\\.?")) {
                return null;
            }
        }
        return port.isEmpty() || port.matches(":\\d{1,5}") ? host : null;
    }
}
