package dev.slipway.controlplane.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures of webhook bodies, compared in constant time. */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** GitHub's {@code X-Hub-Signature-256}: {@code sha256=} + lower-case hex HMAC-SHA256 of the raw body. */
    public static boolean validSha256Header(String header, byte[] body, String secret) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected = hex(hmacSha256(secret, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.substring("sha256=".length()).trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static String sha256Hex(byte[] body) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
