package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.routeversion.RouteVersion;
import dev.slipway.controlplane.support.AfterCommit;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-verification of domains that are already verified (periodic and on demand). A record that disappears is only a
 * warning at first: one DNS hiccup or a provider migration must never take a live site down. Missing for the whole
 * {@code verificationTimeout}, the domain becomes FAILED and unverified, so its hosts leave the route snapshot and its
 * certificate is no longer renewed (both follow {@code verified}).
 */
@Component
class DomainRechecks {

    private final DomainRepository domains;
    private final DomainProperties properties;
    private final RouteVersion routes;
    private final TransactionTemplate tx;

    DomainRechecks(DomainRepository domains, DomainProperties properties, RouteVersion routes, TransactionTemplate tx) {
        this.domains = domains;
        this.properties = properties;
        this.routes = routes;
        this.tx = tx;
    }

    /** Applies one lookup of a verified domain's TXT record. */
    void apply(DomainAssociation domain, DomainVerifier.Outcome outcome) {
        Instant now = Instant.now();
        if (outcome.tokenPresent()) {
            domains.recordPresent(domain.domainName(), now.plus(properties.recheckInterval()));
            return;
        }
        Instant since = domain.recordMissingSince();
        if (since != null && !now.isBefore(failsAt(since))) {
            fail(domain, since);
            return;
        }
        Instant failsAt = failsAt(since == null ? now : since);
        // look again sooner while it is missing, so that a restored record clears the warning soon and the failure
        // happens on time rather than up to a whole recheck interval late
        Instant next = now.plus(min(properties.recheckInterval(), properties.checkInterval().multipliedBy(10)));
        domains.recordMissing(domain.domainName(), now, next.isAfter(failsAt) ? failsAt : next);
    }

    /** What the API shows instead of (before) the stored reason while the record is missing; null when it is not. */
    String warning(DomainAssociation domain) {
        if (!domain.recordMissing()) {
            return null;
        }
        return "verification record missing since " + domain.recordMissingSince() + "; restore it or the domain fails "
                + "on " + failsAt(domain.recordMissingSince()) + ": " + createRecord(domain)
                + " Its hosts are served until then.";
    }

    private void fail(DomainAssociation domain, Instant since) {
        String reason = "The verification record was missing from " + since + " for "
                + DomainService.human(properties.verificationTimeout()) + ", so the domain's hosts are no longer "
                + "served and its certificate is not renewed. " + createRecord(domain)
                + " Then call POST .../domains/" + domain.domainName() + "/verify.";
        tx.executeWithoutResult(status -> {
            if (domains.failMissingRecord(domain.domainName(), since, reason)) {
                routes.bumpVersion();
                AfterCommit.run(routes::notifyChanged);
            }
        });
    }

    private Instant failsAt(Instant missingSince) {
        return missingSince.plus(properties.verificationTimeout());
    }

    private static String createRecord(DomainAssociation domain) {
        return "Create the TXT record " + domain.verificationRecordName() + " with the value \""
                + domain.verificationToken() + "\".";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
