package dev.slipway.edge.protection;

import dev.slipway.edge.site.Site;
import dev.slipway.protocol.edge.ProtectionRoute;
import dev.slipway.protocol.naming.HostNames;
import dev.slipway.protocol.protection.ProtectionTokens;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEAM access control of protected deployments at the edge, on each path a request can take: {@code CachedHits}
 * leaves protected sites to the fast path, which checks them ({@code StaticFastPath}), and the Gateway's requests
 * are checked again by {@link ProtectionWebFilter}. Nothing here calls the control plane: the sign-in token is
 * checked with the control plane's public key, the visitor's cookie with the cookie key, a bypass token against the
 * hashes, all from the route snapshot ({@link #update}). A site without protection costs one field read.
 *
 * <p>Thread-safe: {@link #update} runs on the feed thread, the rest on event loops.
 */
public final class Protections {

    /** Where the control plane sends a signed-in member back to (under the edge's reserved prefix). */
    public static final String CALLBACK = "/_slipway/protection/callback";
    public static final String BYPASS = "x-slipway-protection-bypass";
    static final String COOKIE = "_slipway_protection";
    private static final Logger log = LoggerFactory.getLogger(Protections.class);

    private record Keys(String authorizeUrl, PublicKey publicKey, byte[] cookieKey, long cookieSeconds,
                        Map<String, Set<String>> bypass) {
    }

    private final Clock clock;
    private volatile Keys keys;
    /** The snapshot had protection (keys may still have failed to read: then protected sites refuse everyone). */
    private volatile boolean active;

    public Protections(Clock clock) {
        this.clock = clock;
    }

    /** What a refused or redirected request gets: a status, maybe a Location and a Set-Cookie, and a short text. */
    public record Gate(int status, String location, String setCookie, String body) {
    }

    public void update(ProtectionRoute route) {
        active = route != null;
        if (route == null) {
            keys = null;
            return;
        }
        try {
            Map<String, Set<String>> bypass = new HashMap<>();
            route.bypassTokenHashes().forEach((app, hashes) -> bypass.put(app, Set.copyOf(hashes)));
            keys = new Keys(route.authorizeUrl(), ProtectionTokens.publicKey(route.publicKey()),
                    Base64.getDecoder().decode(route.cookieKey()), route.cookieMaxAgeSeconds(), Map.copyOf(bypass));
        } catch (RuntimeException e) {
            // protected sites then refuse everyone (no keys): never let visitors in on keys this edge cannot read
            log.error("Protection keys not applied ({}): protected sites refuse every visitor", e.getMessage());
            keys = null;
        }
    }

    /** Whether any site is protected (the snapshot then has keys): when not, callers may skip even the site lookup. */
    public boolean active() {
        return active;
    }

    public static boolean isCallback(String uri) {
        return uri.equals(CALLBACK) || uri.startsWith(CALLBACK + "?");
    }

    /**
     * Whether the request may go on without a word from here: the site is not protected, or the request shows a
     * valid bypass header or cookie. Never true for the callback and for the bypass query parameter, which
     * {@link #gate} answers.
     */
    public boolean allowed(Site site, String uri, Function<String, String> headers) {
        if (site.route().protection() == null) {
            return true;
        }
        Keys current = keys;
        if (current == null || isCallback(uri)) {
            return false;
        }
        String bypass = headers.apply(BYPASS);
        if (bypass != null && validBypass(current, site, bypass)) {
            return true;
        }
        String cookie = cookie(headers.apply("cookie"));
        return cookie != null && ProtectionTokens.verifyCookie(current.cookieKey(), cookie,
                HostNames.normalizeHost(headers.apply("host")), clock.instant().getEpochSecond());
    }

    /**
     * The answer for a request to a protected site (or to the callback) that is not {@link #allowed}; null lets it
     * go on.
     *
     * @param https whether the visitor came over HTTPS (the cookie is then Secure, and the sign-in returns there)
     */
    public Gate gate(Site site, String uri, Function<String, String> headers, boolean https) {
        String rawHost = headers.apply("host");
        String host = HostNames.normalizeHost(rawHost);
        Keys current = keys;
        if (isCallback(uri)) {
            return callback(current, host, uri, https);
        }
        if (allowed(site, uri, headers)) {
            return null;
        }
        if (current == null) {
            return new Gate(403, null, null, "This site is protected and cannot be opened right now\n");
        }
        int query = uri.indexOf('?');
        String bypass = query < 0 ? null : param(uri.substring(query + 1), BYPASS);
        if (bypass != null) {
            return validBypass(current, site, bypass)
                    ? new Gate(302, withoutParam(uri, BYPASS), setCookie(current, host, https), "")
                    : new Gate(403, null, null, "Invalid bypass token\n");
        }
        String location = current.authorizeUrl() + "?host=" + encode(rawHost) + "&return=" + encode(uri)
                + (https ? "&proto=https" : "");
        return new Gate(302, location, null, "Sign in to see this site\n");
    }

    private Gate callback(Keys current, String host, String uri, boolean https) {
        int query = uri.indexOf('?');
        String params = query < 0 ? "" : uri.substring(query + 1);
        String token = param(params, "token");
        if (current == null || token == null || !ProtectionTokens.verifyToken(current.publicKey(), token, host,
                clock.instant().getEpochSecond())) {
            return new Gate(403, null, null, "This sign-in link is invalid or has expired; open the site again\n");
        }
        String target = param(params, "return");
        // only a path on this very host: never another host (no open redirect)
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")
                || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            target = "/";
        }
        return new Gate(302, target, setCookie(current, host, https), "");
    }

    private String setCookie(Keys current, String host, boolean https) {
        long expires = clock.instant().getEpochSecond() + current.cookieSeconds();
        return COOKIE + "=" + ProtectionTokens.signCookie(current.cookieKey(), host, expires) + "; Path=/; Max-Age="
                + current.cookieSeconds() + "; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
    }

    private static boolean validBypass(Keys current, Site site, String token) {
        Set<String> hashes = current.bypass().get(site.route().appId());
        return hashes != null && hashes.contains(ProtectionTokens.bypassHash(token));
    }

    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The request target without one query parameter (all its occurrences). */
    static String withoutParam(String uri, String name) {
        int query = uri.indexOf('?');
        List<String> kept = java.util.Arrays.stream(uri.substring(query + 1).split("&"))
                .filter(pair -> !pair.equals(name) && !pair.startsWith(name + "=")).toList();
        String path = uri.substring(0, query);
        return kept.isEmpty() ? path : path + "?" + String.join("&", kept);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
