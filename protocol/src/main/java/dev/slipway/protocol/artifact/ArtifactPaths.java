package dev.slipway.protocol.artifact;

/**
 * The one rule for paths inside a deployment, applied where artifacts are collected and again where they are served:
 * relative, forward slashes, no empty, {@code .} or {@code ..} segments, no NUL or backslash.
 */
public final class ArtifactPaths {

    private ArtifactPaths() {
    }

    public static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    public static String requireSafe(String path) {
        if (!isSafe(path)) {
            throw new IllegalArgumentException("unsafe artifact path: " + path);
        }
        return path;
    }
}
