package dev.slipway.edge.firewall;

import dev.slipway.protocol.firewall.FirewallRules;
import dev.slipway.protocol.net.Cidr;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One app's {@link FirewallRules}, compiled when the snapshot arrives: the address blocks into a {@link CidrTrie},
 * countries into a map, so a request costs one trie walk and one map lookup, never a parse. Immutable.
 */
final class AppFirewall {

    private final String appId;
    private final CidrTrie blocks;
    private final Map<String, Boolean> countryDenies;
    private final boolean defaultDeny;
    private final List<Limit> limits;

    /** One rate limit; also the identity its counters are kept under (value-equal across snapshots). */
    record Limit(String appId, String pathPrefix, int limit, int windowSeconds) {
    }

    AppFirewall(String appId, FirewallRules rules) {
        this.appId = appId;
        CidrTrie.Builder builder = CidrTrie.builder();
        for (FirewallRules.IpRule rule : rules.ipRules()) {
            builder.add(Cidr.parse(rule.cidr()), FirewallRules.denies(rule.action()) ? CidrTrie.DENY : CidrTrie.ALLOW);
        }
        this.blocks = builder.build();
        Map<String, Boolean> countries = new HashMap<>();
        for (FirewallRules.CountryRule rule : rules.countryRules()) {
            countries.merge(rule.country().trim().toUpperCase(Locale.ROOT), FirewallRules.denies(rule.action()),
                    Boolean::logicalOr);
        }
        this.countryDenies = Map.copyOf(countries);
        this.defaultDeny = FirewallRules.DENY.equals(rules.defaultAction());
        this.limits = rules.rateLimits().stream()
                .map(limit -> new Limit(appId, limit.pathPrefix(), limit.limit(), limit.windowSeconds()))
                .toList();
    }

    /**
     * The allow/deny rules: the most specific address block, else the country, else the default.
     *
     * @return {@link Verdict#ALLOW}, or the refusal with its reason
     */
    Verdict screen(ClientAddresses.Client client) {
        byte answer = blocks.lookup(client.address());
        if (answer != CidrTrie.NONE) {
            return answer == CidrTrie.DENY ? Verdict.DENY : Verdict.ALLOW;
        }
        Boolean country = client.country() == null ? null : countryDenies.get(client.country());
        if (country != null) {
            return country ? Verdict.DENY_COUNTRY : Verdict.ALLOW;
        }
        return defaultDeny ? Verdict.DENY : Verdict.ALLOW;
    }

    boolean hasLimits() {
        return !limits.isEmpty();
    }

    /**
     * Counts the request against every limit its path falls under.
     *
     * @return 0 when it may pass, else seconds to wait
     */
    long limited(ClientAddresses.Client client, String uri, RateLimiter limiter) {
        String path = path(uri);
        String key = null;
        long retry = 0;
        for (Limit limit : limits) {
            if (path.startsWith(limit.pathPrefix())) {
                key = key == null ? client.key() : key;
                retry = Math.max(retry, limiter.acquire(limit, key, limit.limit(), limit.windowSeconds()));
            }
        }
        return retry;
    }

    String appId() {
        return appId;
    }

    /** The decoded path of a request target (origin or absolute form), so {@code /%61pi/} counts as {@code /api/}. */
    static String path(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            start = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
            if (start < 0) {
                return "/";
            }
        }
        int end = uri.length();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String raw = uri.substring(start, end);
        return raw.indexOf('%') < 0 ? raw : QueryStringDecoder.decodeComponent(raw);
    }
}
