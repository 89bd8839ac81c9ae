package dev.slipway.protocol.redirect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rule target split once into literal text and {@code <placeholder>} references, so resolving it per request is a
 * string concatenation.
 */
final class Targets {

    private final List<String> parts;
    private final boolean hasQuery;

    private Targets(List<String> parts, boolean hasQuery) {
        this.parts = parts;
        this.hasQuery = hasQuery;
    }

    /** Even positions of {@code parts} are literal text, odd positions placeholder names ({@code *} for the wildcard). */
    static Targets parse(String target) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = target.indexOf('<', at);
            int close = open < 0 ? -1 : target.indexOf('>', open);
            if (close < 0) {
                parts.add(target.substring(at));
                break;
            }
            parts.add(target.substring(at, open));
            parts.add(target.substring(open + 1, close));
            at = close + 1;
        }
        return new Targets(List.copyOf(parts), target.indexOf('?') >= 0);
    }

    static boolean isAbsolute(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    boolean hasQuery() {
        return hasQuery;
    }

    /** Placeholders the source did not capture stay as written: Amplify has no error for them either. */
    String resolve(Map<String, String> captures) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i % 2 == 0) {
                out.append(part);
            } else {
                String value = captures.get(part);
                out.append(value != null ? value : "<" + part + ">");
            }
        }
        return out.toString();
    }

    /** Inserts {@code ?query} before a {@code #fragment}, so {@code /a#b} becomes {@code /a?q#b}. */
    static String withQuery(String target, String query) {
        if (query.isEmpty()) {
            return target;
        }
        int hash = target.indexOf('#');
        return hash < 0 ? target + "?" + query : target.substring(0, hash) + "?" + query + target.substring(hash);
    }
}
