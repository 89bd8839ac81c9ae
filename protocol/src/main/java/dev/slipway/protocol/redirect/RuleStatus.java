package dev.slipway.protocol.redirect;

/** A rule's {@code status} with what it means for serving (amplify-hosting-reference.md §3.2). */
public enum RuleStatus {
    /** Server-side rewrite: serve the target (a file, or a proxied https:// URL) under the original address. */
    REWRITE("200", 200),
    MOVED_PERMANENTLY("301", 301),
    FOUND("302", 302),
    /** When no file matches: serve the target with status 404 (a custom not-found page). */
    NOT_FOUND("404", 404),
    /** When no file matches: serve the target with status 200 (the classic SPA fallback). */
    NOT_FOUND_REWRITE("404-200", 200);

    private final String text;
    private final int httpStatus;

    RuleStatus(String text, int httpStatus) {
        this.text = text;
        this.httpStatus = httpStatus;
    }

    /** @return the status for Amplify's text form, or null when it is not one of the five */
    public static RuleStatus fromText(String text) {
        if (text != null) {
            for (RuleStatus status : values()) {
                if (status.text.equals(text.trim())) {
                    return status;
                }
            }
        }
        return null;
    }

    public String text() {
        return text;
    }

    /** The status code of the response this rule produces. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean isRedirect() {
        return this == MOVED_PERMANENTLY || this == FOUND;
    }

    /** 404 and 404-200 rules only apply when the requested address does not exist. */
    public boolean isNotFoundFallback() {
        return this == NOT_FOUND || this == NOT_FOUND_REWRITE;
    }
}
