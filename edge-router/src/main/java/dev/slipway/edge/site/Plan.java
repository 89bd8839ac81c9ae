package dev.slipway.edge.site;

/** What to answer for one request to a site, decided by {@link Planner}. */
public sealed interface Plan {

    /**
     * Serve {@code file} with {@code status} (200, or 404 for a not-found page).
     *
     * @param requestPath  the decoded path the visitor asked for: custom header patterns match it
     * @param cacheControl the SSR route's Cache-Control for a 200 (custom headers still win), or null
     */
    record Serve(ServedFile file, int status, String requestPath, String cacheControl) implements Plan {

        public Serve(ServedFile file, int status, String requestPath) {
            this(file, status, requestPath, null);
        }
    }

    /**
     * A deploy-manifest Compute route: the Gateway forwards the request to the deployment's app.
     *
     * @param target         path and query to forward (the request's own, or a 200 rewrite's target)
     * @param staticFallback the route's Static fallback file, served instead of the app's 404 to a GET; or null
     */
    record Compute(String target, Serve staticFallback) implements Plan {

        public Compute(String target) {
            this(target, null);
        }
    }

    /** 301 or 302 to {@code location}. */
    record Redirect(int status, String location) implements Plan {
    }

    /** A 200 rewrite to another origin: the Gateway fetches {@code url}. */
    record Proxy(String url) implements Plan {
    }

    /** 404 without a page of the deployment's own. */
    record NotFound() implements Plan {
    }

    /** 400: the path could never name a file. */
    record BadRequest(String reason) implements Plan {
    }
}
