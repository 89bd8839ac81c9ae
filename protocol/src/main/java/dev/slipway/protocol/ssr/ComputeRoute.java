package dev.slipway.protocol.ssr;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One deploy-manifest route: {@code path} is matched against the request path without its query; its only wildcard
 * {@code *} matches any run of characters, {@code /} included.
 *
 * @param fallback answers instead when {@code target} answers 404 (GET and HEAD only), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComputeRoute(String path, RouteTarget target, RouteTarget fallback) {

    public boolean matches(String requestPath) {
        return glob(path, 0, requestPath, 0);
    }

    private static boolean glob(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int i = t; i <= text.length(); i++) {
                    if (glob(pattern, p, text, i)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || text.charAt(t) != c) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
