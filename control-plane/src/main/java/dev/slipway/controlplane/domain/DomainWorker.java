package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.domain.DomainAssociation.CertificateType;
import dev.slipway.controlplane.domain.cert.CertificateOrderRepository;
import dev.slipway.controlplane.domain.cert.CertificateOrders;
import dev.slipway.controlplane.domain.cert.CertificateRepository;
import dev.slipway.controlplane.domain.cert.StoredCertificate;
import dev.slipway.controlplane.routeversion.EdgeAcks;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The domains' background work, every {@code slipway.domains.tick}: TXT lookups that are due (of unverified domains,
 * and re-checks of verified ones, see {@link DomainRechecks}), PENDING_DEPLOYMENT →
 * AVAILABLE once every edge serves the certificate, and managed certificates to order (none yet, hosts added, or
 * two thirds of the lifetime passed). Orders only go to the {@link CertificateOrders} queue; nothing here waits.
 * On one control plane at a time: the holder of task {@value CertificateOrders#TASK}, whose queue also works only while
 * it holds that lock.
 */
@Component
class DomainWorker {

    private static final Logger log = LoggerFactory.getLogger(DomainWorker.class);
    private static final int CHECKS_PER_TICK = 100;

    private final DomainRepository domains;
    private final DomainService service;
    private final DomainVerifier verifier;
    private final DomainRechecks rechecks;
    private final CertificateRepository certificates;
    private final CertificateOrderRepository orderBackoff;
    private final CertificateOrders orders;
    private final EdgeAcks acks;
    private final DomainProperties properties;
    private final BranchService branches;
    private final ClusterTasks tasks;

    DomainWorker(DomainRepository domains, DomainService service, DomainVerifier verifier, DomainRechecks rechecks,
            CertificateRepository certificates, CertificateOrderRepository orderBackoff, CertificateOrders orders,
            EdgeAcks acks, DomainProperties properties, BranchService branches, ClusterTasks tasks) {
        this.domains = domains;
        this.service = service;
        this.verifier = verifier;
        this.rechecks = rechecks;
        this.certificates = certificates;
        this.orderBackoff = orderBackoff;
        this.orders = orders;
        this.acks = acks;
        this.properties = properties;
        this.branches = branches;
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${slipway.domains.tick:2s}")
    void tick() {
        tasks.runExclusive(CertificateOrders.TASK, this::work);
    }

    private void work() {
        try {
            for (DomainAssociation domain : domains.dueForVerification(CHECKS_PER_TICK)) {
                service.recordCheck(domain, verifier.check(domain), false);
            }
            for (DomainAssociation domain : domains.dueForRecheck(CHECKS_PER_TICK)) {
                rechecks.apply(domain, verifier.check(domain));
            }
            List<DomainAssociation> verified = domains.listVerified();
            if (verified.isEmpty()) {
                return;
            }
            // one query per table for all domains: this runs every tick, for ten thousand domains too
            Map<String, List<String>> branchesByApp = branches.namesByApp(
                    verified.stream().map(DomainAssociation::appId).distinct().toList());
            Map<String, StoredCertificate> served = new HashMap<>();
            certificates.listServed().forEach(c -> served.put(c.domainName(), c));
            Map<String, CertificateOrderRepository.Backoff> backoffs = orderBackoff.all();
            Instant now = Instant.now();
            for (DomainAssociation domain : verified) {
                List<String> hosts = List.copyOf(DomainHosts.of(domain,
                        branchesByApp.getOrDefault(domain.appId(), List.of())).keySet());
                Optional<StoredCertificate> certificate = Optional.ofNullable(served.get(domain.domainName()));
                promote(domain, certificate, hosts);
                if (needsOrder(domain, certificate, hosts, backoffs.get(domain.domainName()), now)) {
                    orders.submit(domain.domainName(), hosts);
                }
            }
        } catch (RuntimeException e) {
            // a database hiccup must not stop the schedule
            log.warn("Domain worker tick failed: {}", e.toString());
        }
    }

    private void promote(DomainAssociation domain, Optional<StoredCertificate> certificate, List<String> hosts) {
        if (domain.domainStatus() != DomainStatus.PENDING_DEPLOYMENT || certificate.isEmpty()
                || !certificate.get().hosts().containsAll(hosts) || !acks.allEdgesAt(certificate.get().routeVersion())) {
            return;
        }
        StoredCertificate served = certificate.get();
        domains.setStatus(domain.domainName(), DomainStatus.AVAILABLE, "Served over HTTPS by every edge with "
                + (served.source().equals(StoredCertificate.ACME) ? "a managed" : "the uploaded") + " certificate valid "
                + "until " + served.notAfter() + (served.source().equals(StoredCertificate.ACME)
                ? "; renewal from " + served.renewAfter() + "." : "."));
    }

    private boolean needsOrder(DomainAssociation domain, Optional<StoredCertificate> certificate, List<String> hosts,
            CertificateOrderRepository.Backoff backoff, Instant now) {
        if (domain.certificateType() != CertificateType.AMPLIFY_MANAGED || !properties.acmeEnabled()
                || hosts.isEmpty()) {
            return false;
        }
        // an uploaded certificate is replaced as soon as the owner switches the domain back to managed
        boolean due = certificate.isEmpty() || !certificate.get().source().equals(StoredCertificate.ACME)
                || !certificate.get().hosts().containsAll(hosts) || !now.isBefore(certificate.get().renewAfter());
        return due && (backoff == null || !now.isBefore(backoff.nextAttemptTime()));
    }
}
