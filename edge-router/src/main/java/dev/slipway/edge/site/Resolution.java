package dev.slipway.edge.site;

/**
 * What a request path means inside one deployment. Generic so the rules can be tested against a plain manifest and
 * served against precomputed {@link ServedFile}s.
 */
public sealed interface Resolution<T> {

    /** Serve {@code file}, found under manifest key {@code path}. */
    record Serve<T>(String path, T file) implements Resolution<T> {
    }

    /** 301 to {@code location} (a directory asked for without its trailing slash). */
    record Redirect<T>(String location) implements Resolution<T> {
    }

    /** 404; {@code page} is the deployment's own 404.html, or null. */
    record NotFound<T>(T page) implements Resolution<T> {
    }

    /** 400: the path could never name a file (bad encoding, NUL, backslash, dot-dot). */
    record BadRequest<T>(String reason) implements Resolution<T> {
    }
}
