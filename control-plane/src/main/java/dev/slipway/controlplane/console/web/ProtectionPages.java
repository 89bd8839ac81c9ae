package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.protection.ProtectionKeys;
import dev.slipway.controlplane.route.RouteFeed;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.naming.HostNames;
import dev.slipway.protocol.protection.ProtectionTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The control plane's step of TEAM access control (protected deployments): an edge sends a visitor without a valid
 * cookie here; signing in is the console's own login (the console chain sends anonymous visitors to it and back), the
 * role check lets any team member through (others get the 403 page), and the member goes back to the site's edge
 * with a token signed for that host alone. Only hosts the edges serve are redirected to, and only to the edge's own
 * callback path with a path-only return, so this is no open redirect.
 */
@Controller
@RequiresRole(Role.VIEWER)
class ProtectionPages {

    static final String CALLBACK = "/_slipway/protection/callback";
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");

    private final RouteFeed routes;
    private final ProtectionKeys keys;
    private final ControlPlaneProperties properties;

    ProtectionPages(RouteFeed routes, ProtectionKeys keys, ControlPlaneProperties properties) {
        this.routes = routes;
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * @param host   the site's host as the visitor's browser sent it (with a port when not the default one)
     * @param target the path (and query) to go back to on that host
     * @param proto  {@code https} when the visitor came over HTTPS
     */
    @GetMapping("/protection/authorize")
    String authorize(@RequestParam String host, @RequestParam(name = "return", defaultValue = "/") String target,
            @RequestParam(defaultValue = "http") String proto) {
        String hostWithPort = host.toLowerCase(java.util.Locale.ROOT);
        if (!HOST.matcher(hostWithPort).matches() || !("http".equals(proto) || "https".equals(proto))) {
            throw Refusal.invalid("'host' must be a host name (and port) and 'proto' http or https.");
        }
        if (!isPath(target)) {
            throw Refusal.invalid("'return' must be a path on the site, starting with a single '/'.");
        }
        String siteHost = HostNames.normalizeHost(hostWithPort);
        if (routes.site(siteHost).isEmpty()) {
            throw Refusal.notFound("No site is served at " + siteHost + ".");
        }
        long expires = Instant.now().plus(properties.protection().tokenTtl()).getEpochSecond();
        String token = ProtectionTokens.signToken(keys.privateKey(), siteHost, expires);
        return "redirect:" + proto + "://" + hostWithPort + CALLBACK + "?token=" + token + "&return="
                + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    /** A path on the same host: not {@code //host} or {@code /\host} (browsers read both as another host). */
    static boolean isPath(String target) {
        return target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")
                && target.length() <= 4096 && target.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
