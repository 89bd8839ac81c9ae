package dev.slipway.controlplane.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures and shared tokens of webhook deliveries, always compared in constant time. */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** GitHub's {@code X-Hub-Signature-256} (also Gitea's and Bitbucket's copy): {@code sha256=} + hex HMAC-SHA256. */
    public static boolean validSha256Header(String header, byte[] body, String secret) {
        return validPrefixed(header, "sha256=", "HmacSHA256", body, secret);
    }

    /** GitHub's legacy {@code X-Hub-Signature}: {@code sha1=} + hex HMAC-SHA1. */
    public static boolean validSha1Header(String header, byte[] body, String secret) {
        return validPrefixed(header, "sha1=", "HmacSHA1", body, secret);
    }

    /** Gitea's {@code X-Gitea-Signature} (and Gogs/Forgejo copies): bare hex HMAC-SHA256, no prefix. */
    public static boolean validBareSha256(String header, byte[] body, String secret) {
        return header != null && hexEquals(hex(hmac("HmacSHA256", secret, body)), header);
    }

    /**
     * GitLab's {@code X-Gitlab-Token}, which is the secret itself. Both sides are hashed first so that the comparison
     * takes the same time whatever the given token's length.
     */
    public static boolean tokenMatches(String given, String secret) {
        return given != null && MessageDigest.isEqual(sha256(given.getBytes(StandardCharsets.UTF_8)),
                sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        return hmac("HmacSHA256", secret, body);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static String sha256Hex(byte[] body) {
        return hex(sha256(body));
    }

    private static boolean validPrefixed(String header, String prefix, String algorithm, byte[] body, String secret) {
        return header != null && header.startsWith(prefix)
                && hexEquals(hex(hmac(algorithm, secret, body)), header.substring(prefix.length()));
    }

    private static boolean hexEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
