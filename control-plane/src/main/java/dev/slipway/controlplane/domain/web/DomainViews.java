package dev.slipway.controlplane.domain.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.domain.DomainProperties;
import dev.slipway.controlplane.domain.DomainService.Details;
import dev.slipway.controlplane.domain.SubDomainSetting;
import dev.slipway.controlplane.domain.VerificationRecords;
import dev.slipway.controlplane.domain.cert.StoredCertificate;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Amplify's DomainAssociation shape with the DNS records to create. One place for the API and the console, so both
 * tell a person the same records.
 */
@Component
public class DomainViews {

    private final String cnameTarget;

    DomainViews(DomainProperties properties, ControlPlaneProperties controlPlane) {
        this.cnameTarget = properties.edgeHostname().isBlank() ? controlPlane.baseDomain() : properties.edgeHostname();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DomainView(String domainAssociationArn, String domainName, boolean enableAutoSubDomain,
            List<String> autoSubDomainCreationPatterns, String domainStatus, String statusReason,
            String certificateVerificationDNSRecord, List<SubDomainView> subDomains, CertificateView certificate,
            Instant createTime, Instant updateTime, Instant lastVerifiedTime) {
    }

    public record SubDomainView(SubDomainSetting subDomainSetting, boolean verified, String dnsRecord) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CertificateView(String type, String certificateVerificationDNSRecord, String source,
            String serialNumber, Instant notBefore, Instant notAfter, Instant renewAfter) {
    }

    public DomainView view(Details details) {
        var domain = details.domain();
        String record = VerificationRecords.display(domain.domainName(), domain.verificationToken());
        List<SubDomainView> subDomains = details.hosts().entrySet().stream().map(host -> {
            String prefix = host.getKey().equals(domain.domainName()) ? ""
                    : host.getKey().substring(0, host.getKey().length() - domain.domainName().length() - 1);
            return new SubDomainView(new SubDomainSetting(prefix, host.getValue()),
                    domain.verified() && details.liveBranches().contains(host.getValue()),
                    prefix + " CNAME " + cnameTarget);
        }).toList();
        StoredCertificate certificate = details.certificate().orElse(null);
        CertificateView certificateView = new CertificateView(domain.certificateType().name(), record,
                certificate == null ? null : certificate.source(),
                certificate == null ? null : certificate.serialNumber(),
                certificate == null ? null : certificate.notBefore(),
                certificate == null ? null : certificate.notAfter(),
                certificate == null ? null : certificate.renewAfter());
        return new DomainView("arn:aws:amplify:local:000000000000:apps/" + domain.appId() + "/domains/"
                + domain.domainName(), domain.domainName(), domain.enableAutoSubDomain(),
                domain.autoSubDomainCreationPatterns(), domain.domainStatus().name(), details.statusReason(), record,
                subDomains, certificateView, domain.createTime(), domain.updateTime(), domain.lastVerifiedTime());
    }
}
