package dev.slipway.controlplane.domain;

/** The TXT record that proves control of a domain: {@code _slipway-challenge.<domain>} holding a random token. */
public final class VerificationRecords {

    public static final String LABEL = "_slipway-challenge";

    private VerificationRecords() {
    }

    public static String recordName(String domainName) {
        return LABEL + "." + domainName;
    }

    /** Amplify's {@code certificateVerificationDNSRecord} form: {@code <name>. TXT "<token>"}. */
    public static String display(String domainName, String token) {
        return recordName(domainName) + ". TXT \"" + token + "\"";
    }
}
