package dev.slipway.controlplane.identity;

/**
 * The authenticated caller of a request (request attribute {@link #ATTRIBUTE}). {@code username} is the member who
 * created the token, null for the bootstrap and service tokens.
 */
public record Caller(String name, TokenKind kind, String role, String username) {
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller(String name, TokenKind kind, String role) {
        this(name, kind, role, null);
    }
}
