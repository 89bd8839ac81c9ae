package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.domain.DomainAssociation.CertificateType;
import dev.slipway.controlplane.domain.cert.CertificateInstaller;
import dev.slipway.controlplane.domain.cert.CertificateOrderRepository;
import dev.slipway.controlplane.domain.cert.CertificateRepository;
import dev.slipway.controlplane.domain.cert.PemCertificate;
import dev.slipway.controlplane.domain.cert.StoredCertificate;
import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.RandomIds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Amplify's Create/Get/List/Update/DeleteDomainAssociation, on-demand verification and certificate upload. The
 * status machine: PENDING_VERIFICATION → (TXT record seen) → PENDING_DEPLOYMENT → (certificate on every edge) →
 * AVAILABLE; FAILED when verification times out or a certificate cannot be had. A domain's hosts are routed as soon
 * as it is verified; nothing here waits for DNS beyond one lookup or for an ACME server at all.
 */
@Service
public class DomainService {

    /** Amplify's quota: 5 domains per app (and 50 subdomains per domain, see {@link DomainRequests}). */
    static final int MAX_PER_APP = 5;

    private final DomainRepository domains;
    private final CertificateRepository certificates;
    private final CertificateOrderRepository orders;
    private final CertificateInstaller installer;
    private final AppService apps;
    private final BranchService branches;
    private final DomainVerifier verifier;
    private final DomainRechecks rechecks;
    private final DomainProperties properties;
    private final ControlPlaneProperties controlPlane;
    private final RouteVersion routes;
    private final TransactionTemplate tx;
    private final DomainRequests requests;

    DomainService(DomainRepository domains, CertificateRepository certificates, CertificateOrderRepository orders,
            CertificateInstaller installer, AppService apps, BranchService branches, DomainVerifier verifier,
            DomainRechecks rechecks, DomainProperties properties, ControlPlaneProperties controlPlane, RouteVersion routes,
            TransactionTemplate tx) {
        this.domains = domains;
        this.certificates = certificates;
        this.orders = orders;
        this.installer = installer;
        this.apps = apps;
        this.branches = branches;
        this.verifier = verifier;
        this.rechecks = rechecks;
        this.properties = properties;
        this.controlPlane = controlPlane;
        this.routes = routes;
        this.tx = tx;
        this.requests = new DomainRequests(branches);
    }

    /** The request body of create and update; null fields keep their value on update. */
    public record Changes(String domainName, List<SubDomainSetting> subDomainSettings, Boolean enableAutoSubDomain,
            List<String> autoSubDomainCreationPatterns, CertificateSettings certificateSettings) {
    }

    /** Amplify's {@code certificateSettings}; {@code CUSTOM} means "I upload my own" here (no ACM ARNs). */
    public record CertificateSettings(String type, String customCertificateArn) {
    }

    /**
     * A domain with what the API shows beside it. {@code statusReason}: the stored one, preceded by the warning of a
     * verified domain whose record went missing (computed, so that certificate progress cannot overwrite it).
     */
    public record Details(DomainAssociation domain, Map<String, String> hosts, Optional<StoredCertificate> certificate,
            Set<String> liveBranches, String statusReason) {
    }

    public Details create(String appId, Changes request) {
        apps.get(appId);
        String name = DomainNames.domainName(request.domainName(), controlPlane.baseDomain());
        if (domains.countByApp(appId) >= MAX_PER_APP) {
            throw Refusal.conflict("App '" + appId + "' already has " + MAX_PER_APP
                    + " domains, the most an app may have; delete one first.");
        }
        domains.findOverlapping(name).ifPresent(other -> {
            throw Refusal.conflict(other.equals(name) ? "Domain '" + name + "' is already associated with an app."
                    : "Domain '" + name + "' overlaps '" + other + "', which is already associated with an app.");
        });
        Instant now = Instant.now();
        DomainAssociation domain = requests.valid(new DomainAssociation(name, appId,
                requests.settings(appId, request.subDomainSettings()),
                Boolean.TRUE.equals(request.enableAutoSubDomain()),
                requests.patterns(request.autoSubDomainCreationPatterns()),
                requests.certificateType(request.certificateSettings(), null),
                RandomIds.lowerAlphanumeric(32), DomainStatus.PENDING_VERIFICATION, null, false,
                now.plus(properties.verificationTimeout()), now, now, null, null));
        domain = withReason(domain, "Create a TXT record " + domain.verificationRecordName() + " with the value \""
                + domain.verificationToken() + "\"; it is checked every " + properties.checkInterval().toSeconds()
                + " s, or at once with POST .../domains/" + name + "/verify.");
        domains.insert(domain);
        return details(domain);
    }

    public List<Details> list(String appId) {
        apps.get(appId);
        return domains.listByApp(appId).stream().map(this::details).toList();
    }

    public Details get(String appId, String domainName) {
        return details(find(appId, domainName));
    }

    public Details update(String appId, String domainName, Changes changes) {
        DomainAssociation current = find(appId, domainName);
        if (changes.domainName() != null && !changes.domainName().equalsIgnoreCase(domainName)) {
            throw Refusal.invalid("'domainName' cannot change; delete the association and create a new one.");
        }
        DomainAssociation updated = requests.valid(new DomainAssociation(current.domainName(), appId,
                changes.subDomainSettings() != null ? requests.settings(appId, changes.subDomainSettings())
                        : current.subDomainSettings(),
                changes.enableAutoSubDomain() != null ? changes.enableAutoSubDomain() : current.enableAutoSubDomain(),
                changes.autoSubDomainCreationPatterns() != null
                        ? requests.patterns(changes.autoSubDomainCreationPatterns())
                        : current.autoSubDomainCreationPatterns(),
                requests.certificateType(changes.certificateSettings(), current.certificateType()),
                current.verificationToken(), current.domainStatus(), current.statusReason(), current.verified(),
                current.verificationDeadline(), current.createTime(), Instant.now(), current.lastVerifiedTime(),
                current.recordMissingSince()));
        tx.executeWithoutResult(status -> {
            domains.updateSettings(updated);
            if (updated.verified()) {
                routes.bumpVersion();
                AfterCommit.run(routes::notifyChanged);
            }
        });
        return details(updated);
    }

    public Details delete(String appId, String domainName) {
        Details details = get(appId, domainName);
        tx.executeWithoutResult(status -> {
            domains.delete(details.domain().domainName());
            routes.bumpVersion();
        });
        routes.notifyChanged();
        return details;
    }

    /**
     * Looks the TXT record up now. Unverified: verified, or still pending with what was seen (a FAILED domain gets
     * a fresh deadline). Verified: re-verified ({@link DomainRechecks}); if it stays verified, a failed certificate
     * request is retried at once.
     */
    public Details verify(String appId, String domainName) {
        DomainAssociation domain = find(appId, domainName);
        if (domain.verified()) {
            rechecks.apply(domain, verifier.check(domain));
            domain = find(appId, domainName);
        }
        if (domain.verified()) {
            orders.retryNow(domain.domainName());
            if (domain.domainStatus() == DomainStatus.FAILED) {
                domains.setStatus(domain.domainName(), DomainStatus.PENDING_DEPLOYMENT,
                        "Retrying the certificate request.");
            }
        } else {
            recordCheck(domain, verifier.check(domain), true);
        }
        return get(appId, domainName);
    }

    /** Applies one TXT lookup's outcome (the worker's periodic checks and {@link #verify}). */
    void recordCheck(DomainAssociation domain, DomainVerifier.Outcome outcome, boolean onDemand) {
        Instant now = Instant.now();
        if (outcome.forbidden()) {
            domains.setUnverifiedStatus(domain.domainName(), DomainStatus.FAILED, outcome.reason());
        } else if (outcome.found()) {
            tx.executeWithoutResult(status -> {
                long version = routes.bumpVersionReturning();
                domains.markVerified(domain.domainName(), DomainStatus.PENDING_DEPLOYMENT,
                        outcome.reason() + " " + nextStep(domain), now.plus(properties.recheckInterval()));
                certificates.servedFrom(domain.domainName(), version);
                AfterCommit.run(routes::notifyChanged);
            });
        } else if (onDemand && domain.domainStatus() == DomainStatus.FAILED) {
            domains.restartVerification(domain.domainName(), now.plus(properties.verificationTimeout()),
                    outcome.reason());
        } else if (now.isAfter(domain.verificationDeadline())) {
            domains.setUnverifiedStatus(domain.domainName(), DomainStatus.FAILED, "Verification timed out after "
                    + human(properties.verificationTimeout()) + ": " + outcome.reason()
                    + " Then call POST .../domains/" + domain.domainName() + "/verify.");
        } else {
            domains.setUnverifiedStatus(domain.domainName(), DomainStatus.PENDING_VERIFICATION, outcome.reason());
            boolean young = Duration.between(domain.createTime(), now).compareTo(Duration.ofHours(1)) < 0;
            domains.scheduleCheck(domain.domainName(),
                    now.plus(young ? properties.checkInterval() : properties.checkInterval().multipliedBy(10)));
        }
    }

    private String nextStep(DomainAssociation domain) {
        if (domain.certificateType() == CertificateType.CUSTOM) {
            return certificates.find(domain.domainName()).isPresent() ? "Deploying the uploaded certificate."
                    : "Served over HTTP; upload the certificate with PUT .../domains/" + domain.domainName()
                    + "/certificate.";
        }
        return properties.acmeEnabled() ? "Requesting a certificate."
                : "Served over HTTP. No ACME server is configured (SLIPWAY_ACME_DIRECTORY), so upload a certificate "
                + "with PUT .../domains/" + domain.domainName() + "/certificate.";
    }

    /**
     * Checks an uploaded chain and key against every host the domain serves and puts it in force; the domain's
     * certificate type becomes CUSTOM (no ACME orders for it).
     */
    public Details uploadCertificate(String appId, String domainName, String chainPem, String keyPem) {
        DomainAssociation domain = find(appId, domainName);
        List<String> hosts = List.copyOf(hosts(domain).keySet());
        PemCertificate certificate;
        try {
            certificate = PemCertificate.parse(chainPem, keyPem);
            certificate.check(hosts, Instant.now());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        DomainAssociation custom = new DomainAssociation(domain.domainName(), appId, domain.subDomainSettings(),
                domain.enableAutoSubDomain(), domain.autoSubDomainCreationPatterns(), CertificateType.CUSTOM,
                domain.verificationToken(), domain.domainStatus(), domain.statusReason(), domain.verified(),
                domain.verificationDeadline(), domain.createTime(), Instant.now(), domain.lastVerifiedTime(),
                domain.recordMissingSince());
        domains.updateSettings(custom);
        installer.install(domain.domainName(), StoredCertificate.UPLOADED, hosts, certificate);
        return get(appId, domainName);
    }

    /** The hosts a domain serves now and the branch behind each. */
    public Map<String, String> hosts(DomainAssociation domain) {
        return DomainHosts.of(domain, branches.list(domain.appId()).stream().map(Branch::branchName).toList());
    }

    private Details details(DomainAssociation domain) {
        List<Branch> appBranches = branches.list(domain.appId());
        Set<String> live = new HashSet<>();
        appBranches.stream().filter(b -> b.activeDeploymentId() != null).forEach(b -> live.add(b.branchName()));
        String warning = rechecks.warning(domain);
        return new Details(domain, DomainHosts.of(domain, appBranches.stream().map(Branch::branchName).toList()),
                certificates.find(domain.domainName()), live, warning == null ? domain.statusReason()
                : domain.statusReason() == null ? warning : warning + " " + domain.statusReason());
    }

    private DomainAssociation find(String appId, String domainName) {
        apps.get(appId);
        return domains.find(domainName == null ? "" : domainName.toLowerCase(java.util.Locale.ROOT))
                .filter(d -> d.appId().equals(appId))
                .orElseThrow(() -> Refusal.notFound("App '" + appId + "' has no domain '" + domainName + "'."));
    }

    private static DomainAssociation withReason(DomainAssociation d, String reason) {
        return new DomainAssociation(d.domainName(), d.appId(), d.subDomainSettings(), d.enableAutoSubDomain(),
                d.autoSubDomainCreationPatterns(), d.certificateType(), d.verificationToken(), d.domainStatus(),
                reason, d.verified(), d.verificationDeadline(), d.createTime(), d.updateTime(), d.lastVerifiedTime(),
                d.recordMissingSince());
    }

    static String human(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toSeconds() + " s";
    }
}
