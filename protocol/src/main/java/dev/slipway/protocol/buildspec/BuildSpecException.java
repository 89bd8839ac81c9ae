package dev.slipway.protocol.buildspec;

/**
 * A build spec that cannot be used: malformed YAML, a value of the wrong type, or a monorepo application that is not
 * there. {@link #getMessage()} is a sentence a person can act on: {@code amplify.yml line 7: <reason>}.
 */
public final class BuildSpecException extends Exception {

    private final String sourceName;
    private final int line;
    private final String reason;

    /**
     * @param sourceName where the spec came from ({@code amplify.yml}, {@code build spec of branch main})
     * @param line       1-based line of the problem, or 0 when no line applies
     * @param reason     what is wrong, without the location
     */
    public BuildSpecException(String sourceName, int line, String reason) {
        super(line > 0 ? sourceName + " line " + line + ": " + reason : sourceName + ": " + reason);
        this.sourceName = sourceName;
        this.line = line;
        this.reason = reason;
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line number, or 0 when the problem has no single line. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
