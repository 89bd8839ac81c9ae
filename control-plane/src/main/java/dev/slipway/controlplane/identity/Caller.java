package dev.slipway.controlplane.identity;

/** The authenticated caller of a request (request attribute {@link #ATTRIBUTE}). */
public record Caller(String name, TokenKind kind, String role) {
    public static final String ATTRIBUTE = Caller.class.getName();
}
