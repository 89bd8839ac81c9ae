package dev.slipway.runner.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.slipway.protocol.glob.GlobMatcher;

/**
 * Amplify's {@code cache.paths}, relative to the app root: a plain path caches that directory, globs
 * ({@code node_modules/**}{@code /*}, {@code .npm/**}) the files they match, a leading {@code !} excludes. Absolute
 * paths, {@code ~} paths and paths escaping the app root are silently not cached, as on Amplify.
 * {@code node_modules/.cache} is never cached. Immutable.
 */
final class CachePaths {

    private static final GlobMatcher ALWAYS_EXCLUDED = GlobMatcher.of(List.of("node_modules/.cache/**",
            "**/node_modules/.cache/**"));

    private final List<String> bases;
    private final GlobMatcher includes;
    private final GlobMatcher excludes;

    private CachePaths(List<String> bases, GlobMatcher includes, GlobMatcher excludes) {
        this.bases = bases;
        this.includes = includes;
        this.excludes = excludes;
    }

    static CachePaths of(List<String> paths) {
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        for (String raw : paths) {
            boolean exclude = raw.strip().startsWith("!");
            String path = relative(exclude ? raw.strip().substring(1) : raw);
            if (path == null) {
                continue;
            }
            List<String> target = exclude ? excludes : includes;
            target.add(path);
            if (!hasGlob(path)) {
                target.add(path + "/**");
            }
            if (!exclude) {
                bases.add(base(path));
            }
        }
        return new CachePaths(outermost(bases), GlobMatcher.of(includes), GlobMatcher.of(excludes));
    }

    boolean isEmpty() {
        return bases.isEmpty();
    }

    /** Directories (relative to the app root, "" = the root) that hold everything the paths can match. */
    List<String> bases() {
        return bases;
    }

    boolean matches(String relative) {
        return includes.matches(relative) && !excludes.matches(relative) && !ALWAYS_EXCLUDED.matches(relative);
    }

    /** Normalised relative path, or null when it is absolute or leaves the app root. */
    private static String relative(String raw) {
        String path = raw.strip().replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("~")) {
            return null;
        }
        Path root = Path.of("/app");
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root) && !hasGlob(path)) {
            return null;
        }
        String normal = root.relativize(resolved).toString();
        return path.endsWith("/") && !normal.isEmpty() ? normal + "/**" : normal.isEmpty() ? path : normal;
    }

    private static boolean hasGlob(String path) {
        return path.contains("*") || path.contains("?");
    }

    /** The literal directory part before the first glob character. */
    private static String base(String path) {
        if (!hasGlob(path)) {
            return path; // a plain path is taken as a directory, as in every Amplify example
        }
        int firstGlob = path.length();
        for (char c : new char[] {'*', '?'}) {
            int at = path.indexOf(c);
            if (at >= 0) {
                firstGlob = Math.min(firstGlob, at);
            }
        }
        int slash = path.lastIndexOf('/', firstGlob);
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Drops bases inside other bases, so nothing is copied twice. */
    private static List<String> outermost(List<String> bases) {
        List<String> result = new ArrayList<>();
        for (String base : bases) {
            boolean inside = bases.stream().anyMatch(other -> !other.equals(base)
                    && (other.isEmpty() || base.startsWith(other + "/")));
            if (!inside && !result.contains(base)) {
                result.add(base);
            }
        }
        return List.copyOf(result);
    }
}
