package dev.slipway.controlplane.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers and credentials from a CSPRNG. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private RandomIds() {
    }

    /** Amplify's app id shape: {@code d} followed by 13 lower-case alphanumerics. */
    public static String appId() {
        return "d" + lowerAlphanumeric(13);
    }

    /** A DNS-label-safe id starting with a letter. */
    public static String deploymentId() {
        return "v" + lowerAlphanumeric(11);
    }

    public static String lowerAlphanumeric(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = LOWER_ALNUM[RANDOM.nextInt(LOWER_ALNUM.length)];
        }
        return new String(out);
    }

    /** 256 bits, URL-safe. */
    public static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
