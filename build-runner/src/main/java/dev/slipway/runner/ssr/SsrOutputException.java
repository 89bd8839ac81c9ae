package dev.slipway.runner.ssr;

/** Build output that looks server-side rendered but cannot be deployed as it is; the message tells the fix. */
public final class SsrOutputException extends Exception {

    public SsrOutputException(String message) {
        super(message, null, false, false);
    }
}
