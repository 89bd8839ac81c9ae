package dev.slipway.protocol.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.protocol.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An app's edge firewall: allow/deny by client address block and by country, then per-client rate limits per path
 * prefix. The same record is the API body ({@code PUT /api/v1/apps/{appId}/firewall}), the stored value and what edges
 * get in the route snapshot. Actions are strings, not an enum, so an unknown one is a readable refusal
 * ({@link #problem()}) rather than a parse error.
 *
 * <p>Evaluation (the edge's {@code firewall} package): the most specific matching address block decides; without
 * one, the country rule of the client's country; without one, {@code defaultAction}. Allowed requests then count
 * against every rate limit whose prefix their path starts with.
 *
 * @param defaultAction {@value #ALLOW} (default) or {@value #DENY}
 * @param ipRules       CIDR blocks (IPv4 or IPv6; a bare address is a /32 or /128)
 * @param countryRules  ISO 3166 alpha-2 codes, as a trusted proxy's country header sends them
 * @param rateLimits    requests per second or per minute per client address and prefix
 */
public record FirewallRules(String defaultAction, List<IpRule> ipRules, List<CountryRule> countryRules,
                            List<RateLimit> rateLimits) {

    public static final String ALLOW = "ALLOW";
    public static final String DENY = "DENY";
    /** Rules of all kinds together; bounds the snapshot and the compiled form. */
    public static final int MAX_RULES = 1000;
    public static final FirewallRules NONE = new FirewallRules(ALLOW, List.of(), List.of(), List.of());

    public FirewallRules {
        defaultAction = defaultAction == null ? ALLOW : upper(defaultAction);
        ipRules = ipRules == null ? List.of() : List.copyOf(ipRules);
        countryRules = countryRules == null ? List.of() : List.copyOf(countryRules);
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    }

    /** @param cidr e.g. {@code 203.0.113.0/24} or {@code 2001:db8::/32} */
    public record IpRule(String cidr, String action) {

        public IpRule {
            cidr = cidr == null ? null : cidr.trim();
            action = upper(action);
        }
    }

    /** @param country e.g. {@code DE}; matched case-insensitively */
    public record CountryRule(String country, String action) {

        public CountryRule {
            country = upper(country);
            action = upper(action);
        }
    }

    /**
     * Exactly one of the two limits is set.
     *
     * @param pathPrefix e.g. {@code /api/}; {@code /} limits every path
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateLimit(String pathPrefix, Integer requestsPerSecond, Integer requestsPerMinute) {

        /** The window of this limit in seconds. */
        public int windowSeconds() {
            return requestsPerSecond != null ? 1 : 60;
        }

        /** Requests allowed per window. */
        public int limit() {
            return requestsPerSecond != null ? requestsPerSecond : requestsPerMinute;
        }
    }

    /** Whether these rules let everything through (then nothing needs to be stored or sent). */
    public boolean permitsAll() {
        return ALLOW.equals(defaultAction) && ipRules.isEmpty() && countryRules.isEmpty() && rateLimits.isEmpty();
    }

    /** The first thing wrong with these rules, for a person to fix, or null when they are valid. */
    public String problem() {
        if (!isAction(defaultAction)) {
            return "'defaultAction' must be ALLOW or DENY, not '" + defaultAction + "'.";
        }
        int total = ipRules.size() + countryRules.size() + rateLimits.size();
        if (total > MAX_RULES) {
            return "At most " + MAX_RULES + " firewall rules (IP, country and rate limits together); got " + total + ".";
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ipRules.size() && problems.isEmpty(); i++) {
            ipProblem(i, ipRules.get(i), problems);
        }
        for (int i = 0; i < countryRules.size() && problems.isEmpty(); i++) {
            CountryRule rule = countryRules.get(i);
            if (rule == null || rule.country() == null || !rule.country().trim().matches("[A-Za-z]{2}")) {
                problems.add("countryRules[" + i + "]: 'country' must be a two-letter ISO 3166 code such as DE.");
            } else if (!isAction(rule.action())) {
                problems.add("countryRules[" + i + "]: 'action' must be ALLOW or DENY.");
            }
        }
        for (int i = 0; i < rateLimits.size() && problems.isEmpty(); i++) {
            limitProblem(i, rateLimits.get(i), problems);
        }
        return problems.isEmpty() ? null : problems.getFirst();
    }

    private static void ipProblem(int i, IpRule rule, List<String> problems) {
        if (rule == null || rule.cidr() == null) {
            problems.add("ipRules[" + i + "]: 'cidr' is required.");
            return;
        }
        try {
            Cidr.parse(rule.cidr());
        } catch (IllegalArgumentException e) {
            problems.add("ipRules[" + i + "]: " + e.getMessage() + ".");
            return;
        }
        if (!isAction(rule.action())) {
            problems.add("ipRules[" + i + "]: 'action' must be ALLOW or DENY.");
        }
    }

    private static void limitProblem(int i, RateLimit limit, List<String> problems) {
        String where = "rateLimits[" + i + "]: ";
        if (limit == null || limit.pathPrefix() == null || !limit.pathPrefix().startsWith("/")) {
            problems.add(where + "'pathPrefix' must start with '/'.");
        } else if ((limit.requestsPerSecond() == null) == (limit.requestsPerMinute() == null)) {
            problems.add(where + "set exactly one of 'requestsPerSecond' and 'requestsPerMinute'.");
        } else if (limit.limit() <= 0) {
            problems.add(where + "the limit must be greater than 0.");
        }
    }

    private static String upper(String text) {
        return text == null ? null : text.trim().toUpperCase(Locale.ROOT);
    }

    /** Whether {@code action} (any case) is one this record knows. */
    public static boolean isAction(String action) {
        return action != null && (ALLOW.equalsIgnoreCase(action.trim()) || DENY.equalsIgnoreCase(action.trim()));
    }

    /** Whether a valid {@code action} denies. */
    public static boolean denies(String action) {
        return DENY.equalsIgnoreCase(action.trim());
    }
}
