package dev.slipway.protocol.edge;

/**
 * An ACME HTTP-01 challenge every edge answers: {@code GET /.well-known/acme-challenge/<token>} on any host returns
 * {@code keyAuthorization} as text.
 */
public record AcmeChallengeRoute(String token, String keyAuthorization) {

    public static final String PATH_PREFIX = "/.well-known/acme-challenge/";
}
