package dev.slipway.runner.artifact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Amplify {@code artifacts.files} globs over forward-slash relative paths: {@code **} matches any number of
 * directories (also none: {@code **}{@code /*} matches {@code index.html}), {@code *} any characters within one
 * segment, {@code ?} one character within a segment; everything else is literal. A leading {@code ./} or {@code /}
 * is ignored. Immutable, thread-safe.
 */
public final class GlobMatcher {

    private final List<Pattern> patterns;

    private GlobMatcher(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static GlobMatcher of(List<String> globs) {
        return new GlobMatcher(globs.stream().map(GlobMatcher::compile).toList());
    }

    public boolean matches(String path) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String glob) {
        String g = glob.strip();
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashFollows = i + 2 < g.length() && g.charAt(i + 2) == '/';
                regex.append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 3 : 2;
                continue;
            }
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (g.endsWith("/")) {
            regex.append(".*");
        }
        return Pattern.compile(regex.toString());
    }
}
