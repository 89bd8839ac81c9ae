package dev.slipway.controlplane.domain;

/** Amplify's {@code domainStatus} values that Slipway uses (reference §8.4). */
public enum DomainStatus {
    /** Waiting for the TXT record {@code _slipway-challenge.<domain>} to show the token. */
    PENDING_VERIFICATION,
    /** Verified and routed over HTTP; waiting for a certificate and for every edge to have it. */
    PENDING_DEPLOYMENT,
    /** Served over HTTPS by every edge. */
    AVAILABLE,
    /** Verification timed out or the certificate could not be obtained; {@code statusReason} says what to do. */
    FAILED
}
