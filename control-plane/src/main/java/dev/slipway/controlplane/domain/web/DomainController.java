package dev.slipway.controlplane.domain.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.domain.DomainProperties;
import dev.slipway.controlplane.domain.DomainService;
import dev.slipway.controlplane.domain.DomainService.Details;
import dev.slipway.controlplane.domain.SubDomainSetting;
import dev.slipway.controlplane.domain.VerificationRecords;
import dev.slipway.controlplane.domain.cert.StoredCertificate;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.support.ApiException;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amplify's domain association calls with its envelopes ({@code domainAssociation}, {@code domainAssociations}).
 * UpdateDomainAssociation is both Amplify's {@code POST .../domains/{domain}} and PATCH. Slipway's own additions:
 * {@code POST .../verify} (look the TXT record up now) and {@code PUT .../certificate} (upload a certificate).
 */
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/v1/apps/{appId}/domains")
class DomainController {

    private final DomainService domains;
    private final String cnameTarget;

    DomainController(DomainService domains, DomainProperties properties, ControlPlaneProperties controlPlane) {
        this.domains = domains;
        this.cnameTarget = properties.edgeHostname().isBlank() ? controlPlane.baseDomain() : properties.edgeHostname();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DomainView(String domainAssociationArn, String domainName, boolean enableAutoSubDomain,
            List<String> autoSubDomainCreationPatterns, String domainStatus, String statusReason,
            String certificateVerificationDNSRecord, List<SubDomainView> subDomains, CertificateView certificate,
            Instant createTime, Instant updateTime, Instant lastVerifiedTime) {
    }

    record SubDomainView(SubDomainSetting subDomainSetting, boolean verified, String dnsRecord) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CertificateView(String type, String certificateVerificationDNSRecord, String source, String serialNumber,
            Instant notBefore, Instant notAfter, Instant renewAfter) {
    }

    record Upload(String certificateChain, String privateKey) {
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, DomainView> create(@PathVariable String appId, @RequestBody DomainService.Changes request) {
        return Map.of("domainAssociation", view(domains.create(appId, request)));
    }

    @GetMapping
    Map<String, List<DomainView>> list(@PathVariable String appId) {
        return Map.of("domainAssociations", domains.list(appId).stream().map(this::view).toList());
    }

    @GetMapping("/{domainName}")
    Map<String, DomainView> get(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", view(domains.get(appId, domainName)));
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/{domainName}")
    Map<String, DomainView> updateAmplifyStyle(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody DomainService.Changes changes) {
        return update(appId, domainName, changes);
    }

    @RequiresRole(Role.ADMIN)
    @PatchMapping("/{domainName}")
    Map<String, DomainView> update(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody DomainService.Changes changes) {
        return Map.of("domainAssociation", view(domains.update(appId, domainName, changes)));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{domainName}")
    Map<String, DomainView> delete(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", view(domains.delete(appId, domainName)));
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/{domainName}/verify")
    Map<String, DomainView> verify(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", view(domains.verify(appId, domainName)));
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping("/{domainName}/certificate")
    Map<String, DomainView> upload(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody(required = false) Upload upload) {
        if (upload == null) {
            throw ApiException.badRequest("The body must be {\"certificateChain\": PEM, \"privateKey\": PEM}.");
        }
        return Map.of("domainAssociation",
                view(domains.uploadCertificate(appId, domainName, upload.certificateChain(), upload.privateKey())));
    }

    private DomainView view(Details details) {
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
