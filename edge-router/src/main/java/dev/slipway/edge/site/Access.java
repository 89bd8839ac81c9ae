package dev.slipway.edge.site;

import dev.slipway.protocol.auth.BasicAuthHash;

/** Step 3 of the pipeline (amplify-hosting-reference.md §9, §18): the host's basic auth, if it has one. */
public final class Access {

    private Access() {
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    public static boolean allowed(Site site, String authorization) {
        String stored = site.route().basicAuth();
        return stored == null || BasicAuthHash.matches(stored, authorization);
    }
}
