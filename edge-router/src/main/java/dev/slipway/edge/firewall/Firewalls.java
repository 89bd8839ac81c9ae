package dev.slipway.edge.firewall;

import dev.slipway.protocol.edge.AppRoute;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge firewall of every app, asked before anything else about a request for one of the app's sites, on each
 * path a request can take: {@code CachedHits} (plain Netty), the static fast path (Reactor Netty) and the Gateway
 * ({@link FirewallWebFilter}). Rules are compiled per app when a snapshot arrives ({@link #update}); apps without
 * rules cost one map lookup, and an edge with no rules at all not even that ({@link #active}).
 *
 * <p>{@link #screen} applies only the allow/deny rules and changes nothing, so a path that hands a request on to
 * another may screen it too; {@link #check} also counts it against the rate limits and must run once per request,
 * on the path that answers it. Thread-safe: {@link #update} runs on the feed thread, the rest anywhere.
 */
public final class Firewalls {

    private static final Logger log = LoggerFactory.getLogger(Firewalls.class);

    private final ClientAddresses clients;
    private final RateLimiter limiter;
    private volatile Map<String, AppFirewall> byApp = Map.of();

    public Firewalls(ClientAddresses clients, RateLimiter limiter) {
        this.clients = clients;
        this.limiter = limiter;
    }

    /** Compiles the firewalls of a new snapshot's apps (a thousand rules take well under a millisecond). */
    public void update(List<AppRoute> apps) {
        Map<String, AppFirewall> previous = byApp;
        Map<String, AppFirewall> next = new HashMap<>();
        for (AppRoute app : apps) {
            if (app.firewall() == null) {
                continue;
            }
            try {
                next.put(app.appId(), new AppFirewall(app.appId(), app.firewall()));
            } catch (RuntimeException e) {
                // the control plane validated these; a rule this edge cannot read must not let everyone in
                AppFirewall kept = previous.get(app.appId());
                log.error("App {}: firewall rules not applied ({}); {}", app.appId(), e.getMessage(),
                        kept != null ? "keeping the previous rules" : "no firewall in force");
                if (kept != null) {
                    next.put(app.appId(), kept);
                }
            }
        }
        byApp = Map.copyOf(next);
        if (!next.isEmpty() || !previous.isEmpty()) {
            log.info("Edge firewall rules in force for {} app(s)", next.size());
        }
    }

    /** Whether any app has rules: when not, callers may skip even looking up the request's app. */
    public boolean active() {
        return !byApp.isEmpty();
    }

    /** The allow/deny rules only; no side effects. */
    public Verdict screen(String appId, SocketAddress peer, Function<String, String> headers) {
        AppFirewall firewall = byApp.get(appId);
        if (firewall == null) {
            return Verdict.ALLOW;
        }
        return firewall.screen(clients.client(peer, headers));
    }

    /** The allow/deny rules, then the rate limits (counting this request). */
    public Verdict check(String appId, SocketAddress peer, Function<String, String> headers, String uri) {
        AppFirewall firewall = byApp.get(appId);
        if (firewall == null) {
            return Verdict.ALLOW;
        }
        ClientAddresses.Client client = clients.client(peer, headers);
        Verdict screened = firewall.screen(client);
        if (!screened.allowed()) {
            return screened;
        }
        long retry = firewall.hasLimits() ? firewall.limited(client, uri, limiter) : 0;
        return retry == 0 ? Verdict.ALLOW : Verdict.limited(retry);
    }
}
