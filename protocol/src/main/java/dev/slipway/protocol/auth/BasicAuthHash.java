package dev.slipway.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Amplify-style access control credentials (amplify-hosting-reference.md §9): the API takes base64 of
 * {@code user:password}; the database and the route snapshot hold only
 * {@code pbkdf2-sha256$<iterations>$<salt>$<key>}: PBKDF2-HMAC-SHA256 of the decoded {@code user:password}, with
 * {@value #ITERATIONS} iterations as OWASP recommends, so a leaked snapshot or database row costs an attacker that
 * much per guess (issue 16 L6). The edge checks an {@code Authorization: Basic} header against it in constant time;
 * one check costs a fraction of a second of CPU, so the edge runs it off the event loop and remembers the verdict.
 *
 * <p>Hashes stored before (one salted SHA-256, {@code sha256$<salt>$<digest>}) still verify; they are replaced when
 * the password is next set, as only the user has it.
 *
 * <p>Stateless and thread-safe.
 */
public final class BasicAuthHash {

    public static final int MAX_CREDENTIALS = 2000;
    static final int ITERATIONS = 600_000;
    /** A stored count above this is refused rather than run: a snapshot must not make the edge spin for minutes. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final String PREFIX = "pbkdf2-sha256$";
    private static final String LEGACY_PREFIX = "sha256$";
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
        return PREFIX + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(credentials, salt, ITERATIONS));
    }

    /** Whether {@link #matches} costs the slow hash for {@code stored} (false for the old SHA-256 form). */
    public static boolean isSlow(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * @return whether {@code authorization} ({@code Basic <base64>}) carries the credentials {@code stored} hashes;
     *         takes a fraction of a second when {@link #isSlow}
     */
    public static boolean matches(String stored, String authorization) {
        if (stored == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            byte[] credentials = Base64.getDecoder().decode(authorization.substring(6).trim());
            if (credentials.length == 0) {
                return false;
            }
            if (stored.startsWith(PREFIX)) {
                String[] parts = stored.substring(PREFIX.length()).split("\\$");
                int iterations = parts.length == 3 ? Integer.parseInt(parts[0]) : 0;
                return iterations > 0 && iterations <= MAX_ITERATIONS && MessageDigest.isEqual(
                        pbkdf2(credentials, Base64.getDecoder().decode(parts[1]), iterations),
                        Base64.getDecoder().decode(parts[2]));
            }
            String[] parts = stored.startsWith(LEGACY_PREFIX)
                    ? stored.substring(LEGACY_PREFIX.length()).split("\\$") : new String[0];
            return parts.length == 2 && MessageDigest.isEqual(
                    digest(Base64.getDecoder().decode(parts[0]), credentials), Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException notBase64OrNotANumber) {
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

    /** PBKDF2 (RFC 8018) with HMAC-SHA256 and one 32-byte block, on the raw bytes of {@code user:password}. */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] key = u.clone();
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < key.length; j++) {
                    key[j] ^= u[j];
                }
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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
