package dev.slipway.controlplane.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for secrets at rest. The key comes from SLIPWAY_MASTER_KEY (base64, 32 bytes) or from
 * {@code <data-dir>/keys/master.key}, generated with owner-only permissions on first start. Ciphertext format:
 * {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}; a fresh random IV per encryption.
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(ControlPlaneProperties properties, @Value("${SLIPWAY_MASTER_KEY:}") String configuredKey)
            throws IOException {
        byte[] raw = configuredKey.isBlank()
                ? loadOrCreate(properties.absoluteDataDir().resolve("keys").resolve("master.key"))
                : Base64.getDecoder().decode(configuredKey.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("The master key must be 32 bytes (base64 in SLIPWAY_MASTER_KEY)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
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

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Unknown secret format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret could not be decrypted: wrong master key?", e);
        }
    }

    private byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).trim());
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(raw));
        return raw;
    }

    /** Writes small credential files readable by the owner only, atomically. */
    public static final class OwnerOnlyFiles {
        private OwnerOnlyFiles() {
        }

        public static void write(Path file, String content) throws IOException {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content + "\n");
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
