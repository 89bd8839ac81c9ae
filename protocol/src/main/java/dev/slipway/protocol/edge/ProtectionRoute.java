package dev.slipway.protocol.edge;

import java.util.List;
import java.util.Map;

/**
 * What edges need to enforce TEAM access control (protected deployments, issue 23) without asking the control plane
 * per request; present in a snapshot only while some site is protected.
 *
 * @param authorizeUrl        the control plane's sign-in step, e.g. {@code https://slipway.example.com/protection/authorize}
 * @param publicKey           the control plane's Ed25519 public key (X.509, base64): verifies callback tokens
 * @param cookieKey           the HMAC key (base64) edges sign and check visitor cookies with
 * @param cookieMaxAgeSeconds how long a visitor's cookie lasts
 * @param bypassTokenHashes   per app, the SHA-256 (hex) of its live bypass tokens
 */
public record ProtectionRoute(String authorizeUrl, String publicKey, String cookieKey, long cookieMaxAgeSeconds,
                              Map<String, List<String>> bypassTokenHashes) {

    public ProtectionRoute {
        bypassTokenHashes = bypassTokenHashes == null ? Map.of() : Map.copyOf(bypassTokenHashes);
    }
}
