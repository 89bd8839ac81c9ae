package dev.slipway.controlplane.domain.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT and CAA lookups with dnsjava, against one configured resolver ({@code host:port}) or the system's. No cache: a
 * record the owner just created is seen on the next check.
 */
public final class DnsLookup {

    /** The resolver did not answer, or answered with an error: the record may exist, so waiting can help. */
    public static final class Unanswered extends Exception {
        Unanswered(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String resolverAddress;

    /** @param resolver {@code host:port}, or blank for the resolvers of /etc/resolv.conf */
    public DnsLookup(String resolver) {
        this.resolverAddress = resolver == null ? "" : resolver.trim();
    }

    /** What a person should read as "the resolver", for status reasons. */
    public String resolverName() {
        return resolverAddress.isEmpty() ? "the system resolver" : "resolver " + resolverAddress;
    }

    /** The TXT values of {@code name} (each record's character-strings joined); empty when there are none. */
    public List<String> txt(String name) throws Unanswered {
        List<String> values = new ArrayList<>();
        for (Record record : records(name, Type.TXT)) {
            values.add(String.join("", ((TXTRecord) record).getStrings()));
        }
        return values;
    }

    /**
     * The values of the {@code issue} properties of {@code name}'s CAA records (RFC 8659), e.g.
     * {@code letsencrypt.org}; empty when there are none.
     *
     * @param anyCaa set to true when the name has CAA records at all (even without {@code issue})
     */
    public List<String> caaIssuers(String name, boolean[] anyCaa) throws Unanswered {
        List<String> issuers = new ArrayList<>();
        for (Record record : records(name, Type.CAA)) {
            anyCaa[0] = true;
            CAARecord caa = (CAARecord) record;
            if (caa.getTag().equalsIgnoreCase("issue")) {
                issuers.add(caa.getValue().split(";")[0].trim());
            }
        }
        return issuers;
    }

    private List<Record> records(String name, int type) throws Unanswered {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            throw new Unanswered("not a DNS name: " + e.getMessage());
        }
        lookup.setResolver(resolver());
        lookup.setCache(null);
        Record[] answers = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> answers == null ? List.of() : List.of(answers);
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
            default -> throw new Unanswered(lookup.getErrorString());
        };
    }

    private Resolver resolver() {
        Resolver resolver;
        if (resolverAddress.isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            int colon = resolverAddress.lastIndexOf(':');
            String host = colon < 0 ? resolverAddress : resolverAddress.substring(0, colon);
            int port = colon < 0 ? 53 : Integer.parseInt(resolverAddress.substring(colon + 1));
            resolver = new SimpleResolver(new InetSocketAddress(host.replace("[", "").replace("]", ""), port));
        }
        resolver.setTimeout(TIMEOUT);
        return resolver;
    }
}
