package dev.slipway.controlplane.support;

import dev.slipway.protocol.auth.BasicAuthHash;

/**
 * Amplify's {@code enableBasicAuth} / {@code basicAuthCredentials} pair, shared by apps and branches: credentials are
 * hashed on the way in and never stored or shown again.
 */
public final class AccessControl {

    private AccessControl() {
    }

    /** Whether a change request touches access control at all. */
    public static boolean isChanged(Boolean enable, String credentials) {
        return enable != null || credentials != null;
    }

    /**
     * @param hasStoredHash whether credentials were set before
     * @return the hash to store, or null to keep the stored one
     */
    public static String newHash(Boolean enable, String credentials, boolean hasStoredHash) {
        if (credentials != null) {
            try {
                return BasicAuthHash.create(credentials);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid(e.getMessage());
            }
        }
        if (Boolean.TRUE.equals(enable) && !hasStoredHash) {
            throw Refusal.invalid("'enableBasicAuth' needs 'basicAuthCredentials' (base64 of user:password) "
                    + "the first time it is turned on.");
        }
        return null;
    }
}
