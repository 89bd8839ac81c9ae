package dev.slipway.protocol.glob;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Amplify's glob patterns, read the same way everywhere (Amplify does not specify its dialect:
 * amplify-hosting-reference.md §4.1 and §6.1): {@code *} matches any characters within one {@code /}-separated
 * segment, {@code **} any characters across segments, {@code ?} one character within a segment; everything else is
 * literal. In file paths {@code **}{@code /} also matches no directory at all ({@code **}{@code /*} matches
 * {@code index.html}); in branch names ({@link #branchPattern}) it needs one, and {@code ?} is literal there (git
 * forbids it in branch names anyway).
 *
 * <p>An instance matches {@code artifacts.files}, {@code cache.paths} and test globs over forward-slash relative
 * paths, where a leading {@code ./} or {@code /} is ignored and a trailing {@code /} covers everything below.
 * Immutable, thread-safe.
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
        return Pattern.compile(pathRegex(g) + (g.endsWith("/") ? ".*" : ""));
    }

    /** The regex of a glob over a relative file path, taken as it is (no prefix stripped, no anchoring added). */
    public static String pathRegex(String glob) {
        return regex(glob, true);
    }

    /** A glob over git branch names ({@code autoBranchCreationPatterns}, {@code autoSubDomainCreationPatterns}). */
    public static Pattern branchPattern(String glob) {
        return Pattern.compile(regex(glob, false));
    }

    private static String regex(String glob, boolean paths) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean dirs = paths && i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(dirs ? "(?:.*/)?" : ".*");
                i += dirs ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?' && paths) {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
