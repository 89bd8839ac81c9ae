package dev.slipway.edge.skew;

import dev.slipway.edge.site.Site;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Skew protection on a request (as Amplify): the deployment id it carries in the {@value #HEADER} header, else the
 * {@value #QUERY} query parameter, else the {@value #COOKIE} cookie picks which deployment of the host's branch answers,
 * if the branch has skew protection on and that deployment is one of its recent ones; anything else gets the live
 * deployment. HTML answers of such a site set the cookie to the deployment that answered, so the assets a page loads
 * come from the deployment the page came from, even after another one went live.
 *
 * <p>Sites without skew protection cost one null check: nothing of the request is read.
 */
public final class SkewPins {

    public static final String HEADER = "X-Amplify-Dpl";
    public static final String QUERY = "dpl";
    public static final String COOKIE = "_dpl";

    private SkewPins() {
    }

    /** The site that answers a plain Netty request for {@code live}'s host. */
    public static Site choose(Site live, HttpHeaders headers, String uri) {
        if (live == null || !live.skewProtected()) {
            return live;
        }
        return choose(live, requested(headers, uri));
    }

    /** @param rawQuery the request's query, still encoded, or null */
    public static Site choose(Site live, String header, String rawQuery, String cookies) {
        if (live == null || !live.skewProtected()) {
            return live;
        }
        return choose(live, requested(header, rawQuery, cookies));
    }

    /** The deployment id a request asks for (not checked yet), or null. */
    public static String requested(HttpHeaders headers, String uri) {
        int query = uri.indexOf('?');
        return requested(headers.get(HEADER), query < 0 ? null : uri.substring(query + 1),
                headers.get(HttpHeaderNames.COOKIE));
    }

    static String requested(String header, String rawQuery, String cookies) {
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String fromQuery = parameter(rawQuery, QUERY, '&');
        return fromQuery != null ? fromQuery : cookie(cookies);
    }

    /**
     * The {@code Set-Cookie} value an answer of {@code site} carries when it is HTML, or null (skew protection off, or
     * not HTML: assets must never move a visitor to another deployment).
     */
    public static String cookieFor(Site site, CharSequence contentType) {
        if (!site.skewProtected() || contentType == null || !startsWithIgnoreCase(contentType, "text/html")) {
            return null;
        }
        return COOKIE + "=" + site.route().deploymentId() + "; Path=/; SameSite=Lax";
    }

    private static Site choose(Site live, String deploymentId) {
        if (deploymentId == null || deploymentId.equals(live.route().deploymentId())) {
            return live;
        }
        Site.Pinned pinned = live.pinnable().get(deploymentId);
        return pinned != null && System.currentTimeMillis() < pinned.until() ? pinned.site() : live;
    }

    private static String cookie(String cookies) {
        return parameter(cookies, COOKIE, ';');
    }

    /** The first value of {@code name} in {@code a=1<separator>b=2}, blanks around pairs ignored; null when absent. */
    private static String parameter(String pairs, String name, char separator) {
        if (pairs == null) {
            return null;
        }
        int from = 0;
        while (from <= pairs.length()) {
            int end = pairs.indexOf(separator, from);
            if (end < 0) {
                end = pairs.length();
            }
            String pair = pairs.substring(from, end).strip();
            if (pair.length() > name.length() && pair.startsWith(name) && pair.charAt(name.length()) == '=') {
                String value = pair.substring(name.length() + 1).strip();
                return value.isEmpty() ? null : value;
            }
            from = end + 1;
        }
        return null;
    }

    private static boolean startsWithIgnoreCase(CharSequence text, String prefix) {
        return text.length() >= prefix.length()
                && text.subSequence(0, prefix.length()).toString().equalsIgnoreCase(prefix);
    }
}
