package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.domain.DomainAssociation.CertificateType;
import dev.slipway.controlplane.support.Refusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the fields of a domain's create and update requests, with Amplify's messages and quotas. */
final class DomainRequests {

    /** Amplify's quota: 50 subdomains per domain. */
    static final int MAX_SUBDOMAINS = 50;

    private final BranchService branches;

    DomainRequests(BranchService branches) {
        this.branches = branches;
    }

    DomainAssociation valid(DomainAssociation domain) {
        if (domain.subDomainSettings().isEmpty() && !domain.enableAutoSubDomain()) {
            throw Refusal.invalid("'subDomainSettings' is required: at least one {\"prefix\": \"\" or "
                    + "\"www\", \"branchName\": \"main\"}, unless enableAutoSubDomain is true.");
        }
        if (domain.enableAutoSubDomain() && domain.autoSubDomainCreationPatterns().isEmpty()) {
            throw Refusal.invalid("'enableAutoSubDomain' needs 'autoSubDomainCreationPatterns', e.g. "
                    + "[\"*\", \"pr*\"].");
        }
        return domain;
    }

    List<SubDomainSetting> settings(String appId, List<SubDomainSetting> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_SUBDOMAINS) {
            throw Refusal.invalid("A domain may have at most " + MAX_SUBDOMAINS + " subDomainSettings.");
        }
        List<SubDomainSetting> settings = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (SubDomainSetting setting : requested) {
            if (setting == null || setting.branchName() == null || setting.branchName().isBlank()) {
                throw Refusal.invalid("Each of 'subDomainSettings' needs a 'branchName'.");
            }
            String prefix = DomainNames.prefix(setting.prefix());
            if (!prefixes.add(prefix)) {
                throw Refusal.invalid("Subdomain prefix \"" + prefix + "\" is listed twice.");
            }
            if (branches.find(appId, setting.branchName()).isEmpty()) {
                throw Refusal.invalid("Branch '" + setting.branchName() + "' is not connected to app '"
                        + appId + "'; connect it first.");
            }
            settings.add(new SubDomainSetting(prefix, setting.branchName()));
        }
        return List.copyOf(settings);
    }

    List<String> patterns(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        for (String pattern : requested) {
            if (pattern == null || pattern.isEmpty() || pattern.length() > 2048) {
                throw Refusal.invalid("Each of 'autoSubDomainCreationPatterns' must be 1 to 2,048 characters.");
            }
        }
        return List.copyOf(requested);
    }

    CertificateType certificateType(DomainService.CertificateSettings settings, CertificateType current) {
        if (settings == null || settings.type() == null) {
            return current == null ? CertificateType.AMPLIFY_MANAGED : current;
        }
        if (settings.customCertificateArn() != null) {
            throw Refusal.invalid("'customCertificateArn' is not supported: upload the certificate with "
                    + "PUT .../certificate {\"certificateChain\": PEM, \"privateKey\": PEM}.");
        }
        try {
            return CertificateType.valueOf(settings.type());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("'certificateSettings.type' must be AMPLIFY_MANAGED or CUSTOM.");
        }
    }
}
