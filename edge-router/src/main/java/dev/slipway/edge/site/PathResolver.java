package dev.slipway.edge.site;

import dev.slipway.protocol.artifact.ArtifactPaths;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Maps a request target to a file of a deployment, Amplify-style: {@code /} and {@code /dir/} serve
 * {@code index.html}, {@code /about} may serve {@code about.html}, and {@code /about} with an {@code about/index.html}
 * redirects to {@code /about/} so relative links inside that page resolve correctly.
 *
 * <p>Pure: no I/O, thread-safe. {@code lookup} returns null for a missing key, so the common case costs one lookup.
 */
public final class PathResolver {

    static final String INDEX = "index.html";
    static final String NOT_FOUND_PAGE = "404.html";

    private PathResolver() {
    }

    /**
     * A request target split and checked once: {@code rawPath} as sent, {@code path} percent-decoded, {@code query}
     * without its {@code ?} (empty when absent).
     */
    public sealed interface Parsed {
    }

    public record Target(String rawPath, String path, String query) implements Parsed {
    }

    /** A target that can never name a file (bad encoding, NUL, backslash, dot-dot): 400. */
    public record Invalid(String reason) implements Parsed {
    }

    public static <T> Resolution<T> resolve(String requestTarget, Function<String, T> lookup) {
        return switch (parse(requestTarget)) {
            case Invalid invalid -> new Resolution.BadRequest<>(invalid.reason());
            case Target target -> lookup(target, lookup);
        };
    }

    public static Parsed parse(String requestTarget) {
        String target = stripSchemeAndAuthority(requestTarget);
        int queryStart = indexOfAny(target, '?', '#');
        String rawPath = queryStart >= 0 ? target.substring(0, queryStart) : target;
        String query = "";
        if (queryStart >= 0 && target.charAt(queryStart) == '?') {
            int fragment = target.indexOf('#', queryStart);
            query = target.substring(queryStart + 1, fragment < 0 ? target.length() : fragment);
        }
        if (!rawPath.startsWith("/")) {
            return new Invalid("request path must start with /");
        }
        String path = percentDecode(rawPath);
        if (path == null) {
            return new Invalid("malformed percent-encoding");
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return new Invalid("NUL or backslash in path");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return new Invalid("'..' in path");
            }
        }
        return new Target(rawPath, path, query);
    }

    /** Clean URLs and trailing slashes (amplify-hosting-reference.md §3.3) for an already parsed target. */
    public static <T> Resolution<T> lookup(Target target, Function<String, T> lookup) {
        String path = target.path();
        boolean directory = path.endsWith("/");
        String key = directory ? path.substring(1) + INDEX : path.substring(1);
        if (ArtifactPaths.isSafe(key)) {
            T file = lookup.apply(key);
            if (file != null) {
                return new Resolution.Serve<>(key, file);
            }
            if (!directory) {
                String html = key + ".html";
                T page = lookup.apply(html);
                if (page != null) {
                    return new Resolution.Serve<>(html, page);
                }
                if (lookup.apply(key + "/" + INDEX) != null) {
                    String query = target.query().isEmpty() ? "" : "?" + target.query();
                    return new Resolution.Redirect<>(target.rawPath() + "/" + query);
                }
            }
        }
        return new Resolution.NotFound<>(lookup.apply(NOT_FOUND_PAGE));
    }

    /** Absolute-form targets ({@code GET http://host/path}) are legal HTTP/1.1; only their path matters here. */
    private static String stripSchemeAndAuthority(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int pathStart = target.indexOf('/', target.indexOf("//") + 2);
            return pathStart >= 0 ? target.substring(pathStart) : "/";
        }
        return target;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * RFC 3986 percent-decoding as UTF-8. Unlike {@code URLDecoder} it leaves {@code +} alone (that rule is for form
     * bodies, not paths). Returns null for truncated escapes, invalid UTF-8 or chars a request line cannot carry.
     */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0 && raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 0x100) {
                // Netty hands over request-line bytes as ISO-8859-1 chars, so raw UTF-8 arrives byte by byte
                bytes.put((byte) c);
            } else {
                return null;
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
