package dev.slipway.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Amplify-style access control credentials (amplify-hosting-reference.md §9): the API takes base64 of
 * {@code user:password}; the database and the route snapshot hold only {@code sha256$<salt>$<digest>} (salted
 * SHA-256 of the decoded {@code user:password}); the edge checks an {@code Authorization: Basic} header against it in
 * constant time. One SHA-256 per request keeps the check off the event loop's budget; the salt stops precomputed
 * tables, and a strong password is the user's part, as with Amplify.
 *
 * <p>Stateless and thread-safe.
 */
public final class BasicAuthHash {

    public static final int MAX_CREDENTIALS = 2000;
    private static final String PREFIX = "sha256$";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BasicAuthHash() {
    }

    /**
     * @param base64Credentials base64 of {@code user:password}, as Amplify's {@code basicAuthCredentials}
     * @throws IllegalArgumentException with a sentence for the user when it is not that
     */
    public static String create(String base64Credentials) {
        byte[] credentials = decodeCredentials(base64Credentials);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + b64.encodeToString(salt) + "$" + b64.encodeToString(digest(salt, credentials));
    }

    /** @return whether {@code authorization} ({@code Basic <base64>}) carries the credentials {@code stored} hashes */
    public static boolean matches(String stored, String authorization) {
        if (stored == null || authorization == null || !stored.startsWith(PREFIX)
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$");
        if (parts.length != 2) {
            return false;
        }
        try {
            byte[] credentials = Base64.getDecoder().decode(authorization.substring(6).trim());
            byte[] salt = Base64.getDecoder().decode(parts[0]);
            return MessageDigest.isEqual(digest(salt, credentials), Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] decodeCredentials(String base64Credentials) {
        if (base64Credentials == null || base64Credentials.isBlank() || base64Credentials.length() > MAX_CREDENTIALS) {
            throw new IllegalArgumentException("'basicAuthCredentials' must be base64 of user:password (at most "
                    + MAX_CREDENTIALS + " characters).");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64Credentials.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'basicAuthCredentials' is not valid base64; send base64 of "
                    + "user:password.");
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'basicAuthCredentials' must decode to user:password with both parts "
                    + "non-empty.");
        }
        return decoded;
    }

    private static byte[] digest(byte[] salt, byte[] credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(credentials);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
