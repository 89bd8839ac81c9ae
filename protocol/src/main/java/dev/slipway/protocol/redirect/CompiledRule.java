package dev.slipway.protocol.redirect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One valid rule, parsed once by {@link SourceParser}: knows whether it matches a request and what it then does.
 * Immutable and thread-safe.
 */
final class CompiledRule {

    enum Kind {
        /** Whole-segment literals and {@code <name>} placeholders, optional trailing {@code /<*>}: indexed in a trie. */
        SEGMENTS,
        /** Any other path pattern ({@code /docs<*>}, {@code /file-<id>.html}): a (linear-time) regex over the path. */
        PATTERN,
        /** {@code </regex/>}: found anywhere in the path (JavaScript {@code test} semantics). */
        REGEX,
        /** {@code https://example.com}: matches every path of that host; the path is appended to the target. */
        ORIGIN
    }

    /** {@code name=value} of a source's query; {@code placeholder} set when the value is {@code <name>}. */
    record QueryCondition(String name, String value, String placeholder) {
    }

    static final String WILDCARD = "*";

    final int index;
    final RuleStatus status;
    final Kind kind;
    final String[] segments;
    final boolean wildcard;
    final RuleRegex pattern;
    final List<String> groupNames;
    final List<QueryCondition> query;
    final String host;
    /** A 200 rewrite to another origin; decided here, so a request's captures can never turn a path into a URL. */
    final boolean proxy;
    private final Targets target;
    private final String country;

    CompiledRule(int index, RuleStatus status, Kind kind, String[] segments, boolean wildcard, RuleRegex pattern,
            List<String> groupNames, List<QueryCondition> query, String host, String target, String country) {
        this.index = index;
        this.status = status;
        this.kind = kind;
        this.segments = segments;
        this.wildcard = wildcard;
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.query = query;
        this.host = host;
        this.proxy = ProxyTargets.isProxy(status, target);
        this.target = Targets.parse(target);
        this.country = country;
    }

    /**
     * @param budget the lookup's {@link ReadBudget} for its regex rules, or null when it has none
     * @return the captures (possibly empty) when this rule applies, else null
     */
    Map<String, String> match(RuleRequest request, String[] requestSegments, ReadBudget budget) {
        if (country != null && request.country() != null && !country.equalsIgnoreCase(request.country())) {
            return null;
        }
        Map<String, String> captures = switch (kind) {
            case SEGMENTS -> matchSegments(request.path(), requestSegments);
            case PATTERN, REGEX -> matchPattern(request.path(), budget);
            case ORIGIN -> host.equals(request.host()) ? new HashMap<>(2) : null;
        };
        if (captures == null || query.isEmpty()) {
            return captures;
        }
        return matchQuery(request.query(), captures);
    }

    RuleMatch apply(RuleRequest request, Map<String, String> captures) {
        String resolved = target.resolve(captures);
        if (kind == Kind.ORIGIN) {
            resolved = resolved.endsWith("/") ? resolved + request.path().substring(1) : resolved + request.path();
        }
        // Amplify forwards the query on redirects unless the source pins one or the target brings its own (§3.3);
        // a proxied request keeps its query too, for the same reason
        boolean forward = (status.isRedirect() || proxy) && query.isEmpty() && !target.hasQuery();
        return new RuleMatch(index, status, forward ? Targets.withQuery(resolved, request.query()) : resolved, proxy);
    }

    private Map<String, String> matchSegments(String path, String[] requestSegments) {
        int fixed = segments.length;
        if (wildcard ? requestSegments.length <= fixed : requestSegments.length != fixed) {
            return null;
        }
        Map<String, String> captures = null;
        int offset = 1;
        for (int i = 0; i < fixed; i++) {
            String want = segments[i];
            String got = requestSegments[i];
            if (isPlaceholder(want)) {
                if (got.isEmpty()) {
                    return null;
                }
                captures = captures == null ? new HashMap<>(4) : captures;
                captures.put(want.substring(1, want.length() - 1), got);
            } else if (!want.equals(got)) {
                return null;
            }
            offset += got.length() + 1;
        }
        captures = captures == null ? new HashMap<>(2) : captures;
        if (wildcard) {
            captures.put(WILDCARD, path.substring(offset));
        }
        return captures;
    }

    private Map<String, String> matchPattern(String path, ReadBudget budget) {
        String[] groups = pattern.matchGroups(path, kind == Kind.REGEX, groupNames.size(), budget);
        if (groups == null) {
            return null;
        }
        Map<String, String> captures = new HashMap<>(4);
        for (int i = 0; i < groups.length; i++) {
            captures.put(groupNames.get(i), groups[i]);
        }
        return captures;
    }

    private Map<String, String> matchQuery(String rawQuery, Map<String, String> captures) {
        Map<String, String> params = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.isEmpty()) {
                params.putIfAbsent(name, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        for (QueryCondition condition : query) {
            String value = params.get(condition.name());
            if (value == null) {
                return null;
            }
            if (condition.placeholder() != null) {
                captures.put(condition.placeholder(), value);
            } else if (condition.value() != null && !condition.value().equals(value)) {
                return null;
            }
        }
        return captures;
    }

    static boolean isPlaceholder(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '<' && segment.charAt(segment.length() - 1) == '>'
                && segment.indexOf('<', 1) < 0 && segment.indexOf('>') == segment.length() - 1;
    }
}
