package dev.slipway.protocol.headers;

import dev.slipway.protocol.glob.GlobMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which custom headers a response gets, compiled once per deployment.
 *
 * <p>Patterns are {@link GlobMatcher} globs matched against the request path without its leading {@code /}
 * (case-sensitive; {@code **}{@code /*.css} covers {@code /a.css}). A pattern without any {@code /} ({@code *.json})
 * matches at any depth; one with a {@code /} is anchored at the root ({@code /*.png} is root-level PNGs only);
 * {@code /} alone is the root page.
 *
 * <p>Several matching entries all apply, in file order; a later entry's value replaces an earlier one for the same
 * header name (case-insensitive). Immutable and thread-safe.
 */
public final class HeaderMatcher {

    public static final HeaderMatcher NONE = compile(CustomHeaders.NONE);

    private record Compiled(Pattern pattern, List<Header> headers) {
    }

    private final List<Compiled> rules;

    private HeaderMatcher(List<Compiled> rules) {
        this.rules = rules;
    }

    public static HeaderMatcher compile(CustomHeaders headers) {
        List<Compiled> rules = new ArrayList<>();
        for (HeaderRule rule : (headers == null ? CustomHeaders.NONE : headers).rules()) {
            if (!rule.headers().isEmpty()) {
                rules.add(new Compiled(Pattern.compile(toRegex(rule.pattern())), rule.headers()));
            }
        }
        return new HeaderMatcher(List.copyOf(rules));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** @param path request path starting with {@code /}; @return header name to value, in first-set order */
    public List<Header> headersFor(String path) {
        if (rules.isEmpty()) {
            return List.of();
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Map<String, Header> byName = new LinkedHashMap<>();
        for (Compiled rule : rules) {
            if (rule.pattern().matcher(relative).matches()) {
                rule.headers().forEach(h -> byName.put(h.key().toLowerCase(Locale.ROOT), h));
            }
        }
        return List.copyOf(byName.values());
    }

    static String toRegex(String glob) {
        String pattern = glob.strip();
        boolean anchored = pattern.indexOf('/') >= 0;
        pattern = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        return (anchored ? "" : "(?:.*/)?") + GlobMatcher.pathRegex(pattern);
    }
}
