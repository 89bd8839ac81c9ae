package dev.slipway.protocol.protection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signed strings of protected deployments (issue 23), shared so both sides read them alike.
 *
 * <ul>
 * <li>The <em>token</em> the control plane hands a signed-in team member on the way back to a site: Ed25519, signed
 * with the control plane's private key and verified by edges with the public key from the route snapshot, so an edge
 * (or anyone reading its snapshot file) cannot mint one. Bound to one host, valid for a minute.</li>
 * <li>The <em>cookie</em> an edge sets once it has seen a valid token or bypass token: HMAC-SHA256 with the shared
 * cookie key from the snapshot, as every edge behind a load balancer must accept every other edge's cookie, and
 * setting a cookie means minting one. Bound to the host and an expiry.</li>
 * </ul>
 *
 * <p>Both are {@code base64url(payload).base64url(signature)} with payload {@code <kind>\n<host>\n<expiry epoch s>}.
 */
public final class ProtectionTokens {

    private static final String TOKEN = "t1";
    private static final String COOKIE = "c1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private ProtectionTokens() {
    }

    /** A token for {@code host} (lower case, no port) that expires at {@code expiresEpochSecond}. */
    public static String signToken(PrivateKey key, String host, long expiresEpochSecond) {
        byte[] payload = payload(TOKEN, host, expiresEpochSecond);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(payload);
            return B64.encodeToString(payload) + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** Whether {@code token} was signed by the key's owner for {@code host} and has not expired at {@code now}. */
    public static boolean verifyToken(PublicKey key, String token, String host, long nowEpochSecond) {
        String[] parts = split(token);
        if (parts == null) {
            return false;
        }
        try {
            byte[] payload = B64D.decode(parts[0]);
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(B64D.decode(parts[1])) && valid(payload, TOKEN, host, nowEpochSecond);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** A cookie value for {@code host} that expires at {@code expiresEpochSecond}. */
    public static String signCookie(byte[] cookieKey, String host, long expiresEpochSecond) {
        byte[] payload = payload(COOKIE, host, expiresEpochSecond);
        return B64.encodeToString(payload) + "." + B64.encodeToString(hmac(cookieKey, payload));
    }

    public static boolean verifyCookie(byte[] cookieKey, String cookie, String host, long nowEpochSecond) {
        String[] parts = split(cookie);
        if (parts == null) {
            return false;
        }
        try {
            byte[] payload = B64D.decode(parts[0]);
            return MessageDigest.isEqual(hmac(cookieKey, payload), B64D.decode(parts[1]))
                    && valid(payload, COOKIE, host, nowEpochSecond);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How bypass tokens are stored and travel to edges: hex SHA-256 (they are random, so no slow hash is needed). */
    public static String bypassHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The X.509 (base64) form of an Ed25519 public key back as a key. */
    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private static byte[] payload(String kind, String host, long expires) {
        return (kind + "\n" + host + "\n" + expires).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean valid(byte[] payload, String kind, String host, long now) {
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 3 || !fields[0].equals(kind) || !fields[1].equals(host)) {
            return false;
        }
        try {
            return now < Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String[] split(String value) {
        if (value == null || value.length() > 1024) {
            return null;
        }
        int dot = value.indexOf('.');
        return dot <= 0 || dot != value.lastIndexOf('.') ? null
                : new String[] {value.substring(0, dot), value.substring(dot + 1)};
    }

    private static byte[] hmac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
