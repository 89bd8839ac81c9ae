package dev.slipway.edge.serve;

import dev.slipway.protocol.naming.HostNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;

/**
 * RFC 9112 §3.2: a request with more than one Host header is a 400, and so (stricter than the RFC, which lets the
 * target win) is an absolute-form target whose host is not the Host header's. Either way the edge and whatever sits
 * in front of it could disagree about which site a request is for: the cache or WAF in front judges one host, the
 * edge serves another.
 */
final class RequestHosts {

    private RequestHosts() {
    }

    /** @return why the request names its host ambiguously, or null when it does not */
    static String ambiguity(HttpHeaders headers, String uri) {
        Iterator<String> hosts = headers.valueStringIterator(HttpHeaderNames.HOST);
        String host = hosts.hasNext() ? hosts.next() : null;
        if (hosts.hasNext()) {
            return "more than one Host header";
        }
        if (uri.isEmpty() || uri.charAt(0) == '/') {
            return null;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int end = scheme + 3;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String authority = uri.substring(scheme + 3, end);
        String defaultPort = scheme == 5 && uri.regionMatches(true, 0, "https", 0, 5) ? "443" : "80";
        return host != null && authority.indexOf('@') < 0
                && HostNames.normalizeHost(authority).equals(HostNames.normalizeHost(host))
                && port(authority, defaultPort).equals(port(host, defaultPort)) ? null
                : "the request target names another host than the Host header";
    }

    private static String port(String authority, String defaultPort) {
        int bracket = authority.lastIndexOf(']');
        int colon = authority.indexOf(':', bracket + 1);
        return colon < 0 || colon == authority.length() - 1 ? defaultPort : authority.substring(colon + 1).trim();
    }
}
