package dev.slipway.protocol.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What both stores agree on: a key is a sha256 in lower-case hex, stored under {@code ab/cdef...}. */
final class BlobKeys {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private BlobKeys() {
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static String require(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return key;
    }

    /** The fan-out that keeps directories (and S3 listings by prefix) small: {@code ab/cdef...}. */
    static String fanOut(String key) {
        return key.substring(0, 2) + "/" + key.substring(2);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String sha256Hex(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
