package dev.slipway.protocol.naming;

import java.util.Locale;

/** How branches become host names (architecture.md §4): every char outside {@code [A-Za-z0-9-]} becomes {@code -}. */
public final class HostNames {

    private HostNames() {
    }

    public static String branchSlug(String branchName) {
        return branchName.replaceAll("[^A-Za-z0-9-]", "-").toLowerCase(Locale.ROOT);
    }

    /** {@code <branch-slug>.<defaultDomain>}, e.g. {@code feature-x.d1a2b3.localhost}. */
    public static String branchHost(String branchName, String defaultDomain) {
        return branchSlug(branchName) + "." + defaultDomain.toLowerCase(Locale.ROOT);
    }

    /** Lower-cases a Host header value and strips its port. */
    public static String normalizeHost(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
