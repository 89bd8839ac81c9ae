package dev.slipway.edge.firewall;

/**
 * What the firewall says about one request.
 *
 * @param status            200 to go on, 403 denied, 429 rate-limited
 * @param retryAfterSeconds for a 429: when the client's window ends
 * @param reason            why it was refused, as access logs say it ({@code ip}: an address rule or the default
 *                          action, {@code country}, {@code rate-limit}); null when allowed
 */
public record Verdict(int status, long retryAfterSeconds, String reason) {

    public static final Verdict ALLOW = new Verdict(200, 0, null);
    public static final Verdict DENY = new Verdict(403, 0, "ip");
    static final Verdict DENY_COUNTRY = new Verdict(403, 0, "country");

    static Verdict limited(long retryAfterSeconds) {
        return new Verdict(429, retryAfterSeconds, "rate-limit");
    }

    public boolean allowed() {
        return status == 200;
    }

    /** The text body of a refusal. */
    public String body() {
        return status == 403 ? "Forbidden by the site's firewall\n" : "Too many requests; retry later\n";
    }
}
