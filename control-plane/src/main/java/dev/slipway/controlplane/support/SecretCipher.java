package dev.slipway.controlplane.support;

import dev.slipway.protocol.crypto.AesGcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for secrets at rest. The key comes from SLIPWAY_MASTER_KEY (base64, 32 bytes) or from
 * {@code <data-dir>/keys/master.key}, generated with owner-only permissions on first start ({@link AesGcm} format).
 */
@Component
public class SecretCipher {

    private final AesGcm cipher;

    SecretCipher(ControlPlaneProperties properties, @Value("${SLIPWAY_MASTER_KEY:}") String configuredKey)
            throws IOException {
        this.cipher = loadKey(properties.absoluteDataDir().resolve("keys").resolve("master.key"), configuredKey,
                "SLIPWAY_MASTER_KEY");
    }

    public String encrypt(String plaintext) {
        return cipher.encrypt(plaintext);
    }

    /** A secret derived from the master key for one purpose: the same on every control plane of the installation. */
    public String derive(String purpose) {
        return cipher.derive(purpose);
    }

    public String decrypt(String stored) {
        try {
            return cipher.decrypt(stored);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("A secret could not be decrypted: wrong master key?", e);
        }
    }

    /**
     * The configured base64 key, else the one in {@code file}, generated with owner-only permissions on first use.
     */
    public static AesGcm loadKey(Path file, String configuredKey, String variable) throws IOException {
        String base64 = configuredKey == null || configuredKey.isBlank() ? loadOrCreate(file) : configuredKey;
        try {
            return AesGcm.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key must be 32 bytes in base64 (" + variable + " or " + file + ")", e);
        }
    }

    private static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String key = AesGcm.newBase64Key();
        OwnerOnlyFiles.write(file, key);
        return key;
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
