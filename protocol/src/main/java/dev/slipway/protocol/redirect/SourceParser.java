package dev.slipway.protocol.redirect;

import dev.slipway.protocol.redirect.CompiledRule.Kind;
import dev.slipway.protocol.redirect.CompiledRule.QueryCondition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one {@link CustomRule} against Amplify's constraints (amplify-hosting-reference.md §3.1, §3.3) and compiles
 * it. Validation and compilation are one pass, so a rule the API accepted is exactly a rule the edge can apply.
 */
final class SourceParser {

    static final int MAX_LENGTH = 2048;
    private static final Pattern COUNTRY = Pattern.compile("<([A-Za-z]{2})>");
    private static final String WILDCARD = "<*>";

    /** Why a rule is rejected ({@code ignored == false}) or accepted but never applied ({@code ignored == true}). */
    static final class InvalidRule extends Exception {
        final boolean ignored;

        InvalidRule(String message, boolean ignored) {
            super(message, null, false, false);
            this.ignored = ignored;
        }
    }

    private SourceParser() {
    }

    static CompiledRule compile(int index, CustomRule rule) throws InvalidRule {
        if (rule == null) {
            throw new InvalidRule("is empty", false);
        }
        String source = required(rule.source(), "source");
        String target = required(rule.target(), "target");
        RuleStatus status = RuleStatus.fromText(rule.status());
        if (status == null) {
            throw new InvalidRule("status '" + rule.status() + "' is not one of 200, 301, 302, 404, 404-200", false);
        }
        String country = country(rule.condition());
        if (status == RuleStatus.REWRITE && target.toLowerCase(Locale.ROOT).startsWith("http://")) {
            throw new InvalidRule("a 200 rewrite to another origin must use https:// (target '" + target + "')", false);
        }
        String proxyProblem = status == RuleStatus.REWRITE ? ProxyTargets.problem(target) : null;
        if (proxyProblem != null) {
            throw new InvalidRule(proxyProblem, false);
        }
        if (source.startsWith("</") && source.endsWith("/>") && source.length() > 4) {
            return regex(index, status, source.substring(2, source.length() - 2), target, country);
        }
        if (Targets.isAbsolute(source)) {
            return origin(index, status, source, target, country);
        }
        return path(index, status, source.startsWith("/") ? source : "/" + source, target, country);
    }

    private static String required(String value, String field) throws InvalidRule {
        if (value == null || value.isBlank()) {
            throw new InvalidRule(field + " is required", false);
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRule(field + " is longer than " + MAX_LENGTH + " characters", false);
        }
        return value.trim();
    }

    private static String country(String condition) throws InvalidRule {
        if (condition == null || condition.isBlank()) {
            return null;
        }
        var matcher = COUNTRY.matcher(condition.trim());
        if (!matcher.matches()) {
            throw new InvalidRule("condition '" + condition + "' must be a two-letter country code in angle brackets, "
                    + "like <US>", false);
        }
        return matcher.group(1).toUpperCase(Locale.ROOT);
    }

    private static CompiledRule regex(int index, RuleStatus status, String regex, String target, String country)
            throws InvalidRule {
        return new CompiledRule(index, status, Kind.REGEX, null, false, RuleRegex.compile(regex), List.of(),
                List.of(), null, target, country);
    }

    private static CompiledRule origin(int index, RuleStatus status, String source, String target, String country)
            throws InvalidRule {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw new InvalidRule("source '" + source + "' is not a valid URL", false);
        }
        if (uri.getHost() == null) {
            throw new InvalidRule("source '" + source + "' has no host", false);
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new InvalidRule("source '" + source + "' names a host and a path; Amplify supports only a bare "
                    + "origin (https://example.com) and ignores this rule", true);
        }
        return new CompiledRule(index, status, Kind.ORIGIN, null, false, null, List.of(), List.of(),
                uri.getHost().toLowerCase(Locale.ROOT), target, country);
    }

    private static CompiledRule path(int index, RuleStatus status, String source, String target, String country)
            throws InvalidRule {
        int questionMark = source.indexOf('?');
        String path = questionMark < 0 ? source : source.substring(0, questionMark);
        String query = questionMark < 0 ? "" : source.substring(questionMark + 1);
        int wildcards = count(source, WILDCARD);
        if (wildcards > 1 || wildcards == 1 && !path.endsWith(WILDCARD)) {
            throw new InvalidRule("source '" + source + "' has '<*>' somewhere other than its end; Amplify ignores "
                    + "such rules", true);
        }
        boolean wildcard = wildcards == 1;
        String[] parts = path.substring(1).split("/", -1);
        boolean trieable = !wildcard || parts[parts.length - 1].equals(WILDCARD);
        String[] segments = wildcard && trieable ? java.util.Arrays.copyOf(parts, parts.length - 1) : parts;
        for (String segment : segments) {
            trieable &= segment.indexOf('<') < 0 && segment.indexOf('>') < 0 || CompiledRule.isPlaceholder(segment);
        }
        List<QueryCondition> conditions = queryConditions(query);
        if (trieable) {
            return new CompiledRule(index, status, Kind.SEGMENTS, segments, wildcard, null, List.of(), conditions,
                    null, target, country);
        }
        List<String> names = new ArrayList<>();
        RuleRegex pattern = RuleRegex.linear(toRegex(path, names));
        return new CompiledRule(index, status, Kind.PATTERN, null, false, pattern, List.copyOf(names), conditions,
                null, target, country);
    }

    private static List<QueryCondition> queryConditions(String query) {
        List<QueryCondition> conditions = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? null : pair.substring(eq + 1);
            String placeholder = value != null && CompiledRule.isPlaceholder(value)
                    ? value.substring(1, value.length() - 1) : null;
            conditions.add(new QueryCondition(name, placeholder == null ? value : null, placeholder));
        }
        return List.copyOf(conditions);
    }

    /** {@code <*>} becomes {@code (.*)}, {@code <name>} becomes {@code ([^/]+)}, everything else is literal. */
    private static String toRegex(String path, List<String> names) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < path.length()) {
            int open = path.indexOf('<', at);
            int close = open < 0 ? -1 : path.indexOf('>', open);
            if (close < 0) {
                regex.append(RuleRegex.quote(path.substring(at)));
                break;
            }
            if (open > at) {
                regex.append(RuleRegex.quote(path.substring(at, open)));
            }
            String name = path.substring(open + 1, close);
            regex.append(name.equals("*") ? "(.*)" : "([^/]+)");
            names.add(name);
            at = close + 1;
        }
        return regex.toString();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
