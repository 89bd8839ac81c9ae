package dev.slipway.controlplane.domain;

import java.time.Instant;
import java.util.List;

/** A stored domain association (Amplify's DomainAssociation minus what the API derives). */
public record DomainAssociation(
        String domainName,
        String appId,
        List<SubDomainSetting> subDomainSettings,
        boolean enableAutoSubDomain,
        List<String> autoSubDomainCreationPatterns,
        CertificateType certificateType,
        String verificationToken,
        DomainStatus domainStatus,
        String statusReason,
        boolean verified,
        Instant verificationDeadline,
        Instant createTime,
        Instant updateTime,
        Instant lastVerifiedTime,
        Instant recordMissingSince) {

    /** {@code AMPLIFY_MANAGED}: issued over ACME; {@code CUSTOM}: uploaded by the owner. */
    public enum CertificateType { AMPLIFY_MANAGED, CUSTOM }

    /** Verified, but the last re-check did not find the record: still served, until the timeout runs out. */
    public boolean recordMissing() {
        return verified && recordMissingSince != null;
    }

    /** The DNS name whose TXT record proves control of the domain. */
    public String verificationRecordName() {
        return VerificationRecords.recordName(domainName);
    }
}
