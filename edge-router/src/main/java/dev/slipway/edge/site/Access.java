package dev.slipway.edge.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.protocol.auth.BasicAuthHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Step 3 of the pipeline (amplify-hosting-reference.md §9, §18): the host's basic auth, if it has one.
 *
 * <p>Stored credentials are a slow hash ({@link BasicAuthHash}: a fraction of a second each), and a browser sends the
 * header with every request, so verdicts are remembered: a correct login costs the slow hash once, not per request.
 * The key is a SHA-256 of the stored hash and the header, so no password stays in memory and a changed password
 * (another stored hash) is checked afresh. Wrong headers are remembered apart, so a guessing client cannot push out
 * the logins of real visitors. Verdicts never go stale (the same header against the same hash always gives the same
 * answer); they expire only to bound memory.
 *
 * <p>{@link #allowedNow} never runs the slow hash and is what the event loop calls; {@link #verify} may, and runs on
 * a worker thread.
 */
public final class Access {

    private static final Duration REMEMBERED = Duration.ofMinutes(10);
    private static final Cache<String, Boolean> ACCEPTED = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(REMEMBERED).build();
    private static final Cache<String, Boolean> REFUSED = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();

    private Access() {
    }

    /**
     * The decision as far as it is known without the slow hash.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @return true or false, or null when only {@link #verify} can tell
     */
    public static Boolean allowedNow(Site site, String authorization) {
        String stored = site.route().basicAuth();
        if (stored == null) {
            return true;
        }
        if (authorization == null || !BasicAuthHash.isSlow(stored)) {
            return BasicAuthHash.matches(stored, authorization);
        }
        String key = key(stored, authorization);
        if (ACCEPTED.getIfPresent(key) != null) {
            return true;
        }
        return REFUSED.getIfPresent(key) != null ? false : null;
    }

    /** Whether the visitor may go on, where an unknown verdict counts as no (for the routing predicates). */
    public static boolean allowed(Site site, String authorization) {
        return Boolean.TRUE.equals(allowedNow(site, authorization));
    }

    /** The full decision, remembered; may take a fraction of a second, so never on the event loop. */
    public static boolean verify(Site site, String authorization) {
        Boolean known = allowedNow(site, authorization);
        if (known != null) {
            return known;
        }
        String stored = site.route().basicAuth();
        boolean ok = BasicAuthHash.matches(stored, authorization);
        (ok ? ACCEPTED : REFUSED).put(key(stored, authorization), Boolean.TRUE);
        return ok;
    }

    private static String key(String stored, String authorization) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stored.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return Base64.getEncoder().encodeToString(sha.digest(authorization.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
