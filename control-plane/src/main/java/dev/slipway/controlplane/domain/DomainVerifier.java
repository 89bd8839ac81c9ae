package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.domain.dns.TxtLookup;
import java.util.List;
import javax.naming.NamingException;
import org.springframework.stereotype.Component;

/** Looks for a domain's verification token in DNS and says, in words a domain owner can act on, what it saw. */
@Component
public class DomainVerifier {

    /**
     * @param found  whether the TXT record holds the token
     * @param reason what was seen, for {@code statusReason}
     */
    public record Outcome(boolean found, String reason) {
    }

    private final TxtLookup dns;

    DomainVerifier(DomainProperties properties) {
        this.dns = new TxtLookup(properties.dnsServer());
    }

    public Outcome check(DomainAssociation domain) {
        String name = domain.verificationRecordName();
        String wanted = "Create a TXT record " + name + " with the value \"" + domain.verificationToken() + "\".";
        try {
            List<String> values = dns.lookup(name);
            if (values.contains(domain.verificationToken())) {
                return new Outcome(true, "TXT record " + name + " verified.");
            }
            if (values.isEmpty()) {
                return new Outcome(false, dns.resolverName() + " has no TXT record " + name + ". " + wanted);
            }
            return new Outcome(false, "The TXT record " + name + " at " + dns.resolverName() + " holds "
                    + values.stream().map(v -> "\"" + v + "\"").toList() + ", not the token. " + wanted);
        } catch (NamingException e) {
            return new Outcome(false, dns.resolverName() + " did not answer for " + name + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). " + wanted);
        }
    }
}
