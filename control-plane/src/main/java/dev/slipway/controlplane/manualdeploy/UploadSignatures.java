package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Signs upload URLs ({@code /uploads/manual-deploys/{id}?expires=…&signature=…}), so the URL alone lets a client PUT
 * the zip until it expires, as an S3 presigned URL does. The key is derived from the master key: every control plane
 * of an installation checks what another signed, and none stores it.
 */
@Component
class UploadSignatures {

    static final String PATH = "/uploads/manual-deploys/";

    private final byte[] key;

    UploadSignatures(SecretCipher cipher) {
        this.key = cipher.derive("slipway manual deploy upload url v1").getBytes(StandardCharsets.UTF_8);
    }

    /** The path and query of the upload URL of job {@code jobId} (internal id), valid until {@code expires}. */
    String path(long jobId, Instant expires) {
        long seconds = expires.getEpochSecond();
        return PATH + jobId + "?expires=" + seconds + "&signature=" + sign(jobId, seconds);
    }

    /** Whether the signature is this installation's for that job and expiry (constant-time), and not expired. */
    boolean valid(long jobId, long expires, String signature, Instant now) {
        if (signature == null || now.getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(sign(jobId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long jobId, long expires) {
        return HexFormat.of().formatHex(HmacSha256.of(key, "PUT\n" + jobId + "\n" + expires));
    }
}
