package dev.slipway.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of short strings, shared by the control plane (secrets at rest) and the edge (certificate keys).
 * Format: {@code v1:<base64(iv ‖ ciphertext ‖ tag)>} with a fresh random IV per call.
 */
public final class AesGcm {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public AesGcm(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("an AES-256 key must be 32 bytes, not " + rawKey.length);
        }
        this.key = new SecretKeySpec(rawKey, "AES");
    }

    /** @param base64Key 32 bytes in base64, as in SLIPWAY_MASTER_KEY or SLIPWAY_TLS_KEY */
    public static AesGcm fromBase64(String base64Key) {
        return new AesGcm(Base64.getDecoder().decode(base64Key.trim()));
    }

    /**
     * A secret derived from this key for one {@code purpose} (HMAC-SHA256, base64url): every process holding the same
     * key derives the same value, and the value reveals nothing about the key.
     */
    public String derive(String purpose) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HmacSha256.of(key.getEncoded(), purpose));
    }

    public static String newBase64Key() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws IllegalStateException when the text is not ours or the key is wrong (the tag does not verify) */
    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Unknown sealed format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt: wrong key?", e);
        }
    }
}
