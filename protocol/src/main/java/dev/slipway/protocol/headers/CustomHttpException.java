package dev.slipway.protocol.headers;

/**
 * A customHttp.yml that cannot be used; the message reads {@code customHttp.yml line 7: <reason>}, like the build
 * spec parser's.
 */
public final class CustomHttpException extends Exception {

    private final int line;
    private final String reason;

    /** @param line 1-based, 0 when no single line applies */
    public CustomHttpException(String sourceName, int line, String reason) {
        super(line > 0 ? sourceName + " line " + line + ": " + reason : sourceName + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The message without the source and line. */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }
}
