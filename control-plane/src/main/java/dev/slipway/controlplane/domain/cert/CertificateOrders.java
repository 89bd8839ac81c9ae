package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.domain.DomainAssociation;
import dev.slipway.controlplane.domain.DomainProperties;
import dev.slipway.controlplane.domain.DomainRepository;
import dev.slipway.controlplane.domain.DomainStatus;
import dev.slipway.protocol.net.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.shredzone.acme4j.exception.AcmeServerException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The queue of managed certificate orders: one background thread works through them one at a time, starting at
 * most {@code acmeOrdersPerMinute} a minute (CAs rate-limit accounts, and ten thousand domains must not burst).
 * Nothing waits for an order: callers {@link #submit} and return. A failure backs off exponentially per domain; the
 * first certificate's failure makes the domain FAILED with the CA's reason, a renewal's failure only says so while
 * the current certificate keeps serving.
 * <p>With several control planes only the holder of task {@value #TASK} (the DomainWorker's) orders: an order starts
 * only while this process holds that lock, so the per-minute limit holds for the whole cluster, and orders queued here
 * before a take-over are dropped (the new holder's worker submits what is still due).
 */
@Component
public class CertificateOrders implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CertificateOrders.class);
    /** Domain checks, renewals and certificate orders. */
    public static final String TASK = "domains";
    /** {@code slipway_acme_orders_total{result}}: orders this process ran to the end, ISSUED or FAILED. */
    private static final String ORDERS = "slipway.acme.orders";

    private final AcmeIssuer issuer;
    private final CertificateInstaller installer;
    private final CertificateRepository certificates;
    private final CertificateOrderRepository orders;
    private final DomainRepository domains;
    private final DomainProperties properties;
    private final ClusterTasks tasks;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("slipway-acme-orders").daemon().factory());
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private long nextStartNanos = System.nanoTime();

    CertificateOrders(AcmeIssuer issuer, CertificateInstaller installer, CertificateRepository certificates,
            CertificateOrderRepository orders, DomainRepository domains, DomainProperties properties,
            ClusterTasks tasks, MeterRegistry meters) {
        this.meters = meters;
        this.issuer = issuer;
        this.installer = installer;
        this.certificates = certificates;
        this.orders = orders;
        this.domains = domains;
        this.properties = properties;
        this.tasks = tasks;
    }

    /** Queues an order for {@code hosts} unless one for the domain is queued or running already. */
    public void submit(String domainName, List<String> hosts) {
        if (queued.add(domainName)) {
            worker.execute(() -> {
                try {
                    order(domainName, hosts);
                } finally {
                    queued.remove(domainName);
                }
            });
        }
    }

    private void order(String domainName, List<String> hosts) {
        try {
            awaitRateLimit();
            if (!tasks.isHeld(TASK)) {
                log.info("Certificate order for {} dropped: another control plane orders certificates now", domainName);
                return;
            }
            if (domains.find(domainName).filter(DomainAssociation::verified).isEmpty()) {
                return; // deleted, or failed re-verification, while queued: no certificate for it any more
            }
            log.info("Ordering a certificate for {} ({})", domainName, hosts);
            PemCertificate certificate = issuer.issue(domainName, hosts);
            certificate.check(hosts, Instant.now());
            installer.install(domainName, StoredCertificate.ACME, hosts, certificate);
            orders.succeeded(domainName);
            meters.counter(ORDERS, "result", "ISSUED").increment();
            log.info("Certificate for {} issued, valid until {}", domainName, certificate.leaf().getNotAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed(domainName, e);
        }
    }

    private void failed(String domainName, Exception e) {
        meters.counter(ORDERS, "result", "FAILED").increment();
        int attempts = orders.find(domainName).map(b -> b.attempts()).orElse(0) + 1;
        Instant next = Instant.now()
                .plus(Backoff.pause(properties.acmeRetryBase(), properties.acmeRetryMax(), attempts));
        String error = e instanceof AcmeServerException refused
                ? "the ACME server refused: " + AcmeIssuer.describe(refused.getProblem())
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.warn("Certificate order for {} failed (attempt {}), next at {}: {}", domainName, attempts, next, error);
        orders.failed(domainName, attempts, next, error);
        String retry = (error.endsWith(".") ? "" : ".") + " Retrying automatically at " + next + " (attempt " + (attempts + 1)
                + "), or at once with POST .../domains/" + domainName + "/verify.";
        domains.find(domainName).ifPresent(domain -> {
            if (certificates.find(domainName).isEmpty()) {
                domains.setStatus(domainName, DomainStatus.FAILED, "The certificate request failed: " + error + retry);
            } else {
                domains.setStatus(domainName, domain.domainStatus(), "Renewing the certificate failed (the current "
                        + "one keeps serving): " + error + retry);
            }
        });
    }

    /** Spaces order starts evenly: {@code acmeOrdersPerMinute} per minute at most. */
    private void awaitRateLimit() throws InterruptedException {
        long spacing = Duration.ofMinutes(1).toNanos() / Math.max(1, properties.acmeOrdersPerMinute());
        long wait = nextStartNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        nextStartNanos = Math.max(nextStartNanos, System.nanoTime()) + spacing;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
