package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.domain.dns.DnsLookup;
import java.util.List;
import org.springframework.stereotype.Component;

/** Looks for a domain's verification token in DNS and says, in words a domain owner can act on, what it saw. */
@Component
public class DomainVerifier {

    /**
     * @param found     whether the TXT record holds the token
     * @param reason    what was seen, for {@code statusReason}
     * @param forbidden the token is there but CAA records forbid the configured CA: waiting will not help
     */
    public record Outcome(boolean found, String reason, boolean forbidden) {
        Outcome(boolean found, String reason) {
            this(found, reason, false);
        }

        /** The token is in DNS (CAA may still forbid issuance): what a re-check of a verified domain asks. */
        public boolean tokenPresent() {
            return found || forbidden;
        }
    }

    private final DnsLookup dns;
    private final List<String> caaIdentities;

    DomainVerifier(DomainProperties properties) {
        this.dns = new DnsLookup(properties.dnsServer());
        this.caaIdentities = properties.acmeCaaIdentities().stream().filter(s -> !s.isBlank()).toList();
    }

    /**
     * RFC 8659: the closest name (the domain, then its parents) with CAA records decides; its {@code issue} values
     * must name one of our CA's identities. Null when issuance is allowed (or no identities are configured).
     */
    private String caaForbids(String domainName) throws DnsLookup.Unanswered {
        if (caaIdentities.isEmpty()) {
            return null;
        }
        for (String name = domainName; name.indexOf('.') > 0; name = name.substring(name.indexOf('.') + 1)) {
            boolean[] anyCaa = {false};
            List<String> issuers = dns.caaIssuers(name, anyCaa);
            if (anyCaa[0]) {
                if (issuers.isEmpty() || issuers.stream().anyMatch(caaIdentities::contains)) {
                    return null;
                }
                return "CAA records of " + name + " allow only " + issuers + " to issue certificates, not "
                        + caaIdentities + ". Add the CAA record " + name + ". CAA 0 issue \"" + caaIdentities.getFirst()
                        + "\" (or remove the CAA records), then call POST .../domains/" + domainName + "/verify.";
            }
        }
        return null;
    }

    public Outcome check(DomainAssociation domain) {
        String name = domain.verificationRecordName();
        String wanted = "Create a TXT record " + name + " with the value \"" + domain.verificationToken() + "\".";
        try {
            List<String> values = dns.txt(name);
            if (values.contains(domain.verificationToken())) {
                String forbidden = domain.certificateType() == DomainAssociation.CertificateType.AMPLIFY_MANAGED
                        ? caaForbids(domain.domainName()) : null;
                return forbidden != null ? new Outcome(false, forbidden, true)
                        : new Outcome(true, "TXT record " + name + " verified.");
            }
            if (values.isEmpty()) {
                return new Outcome(false, dns.resolverName() + " has no TXT record " + name + ". " + wanted);
            }
            return new Outcome(false, "The TXT record " + name + " at " + dns.resolverName() + " holds "
                    + values.stream().map(v -> "\"" + v + "\"").toList() + ", not the token. " + wanted);
        } catch (DnsLookup.Unanswered e) {
            return new Outcome(false, dns.resolverName() + " did not answer for " + name + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). " + wanted);
        }
    }
}
