package dev.slipway.controlplane.domain.dns;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * TXT and CAA lookups through the JDK's DNS provider (JNDI), against one configured resolver ({@code host:port}) or
 * the system's. No cache: a record the owner just created is seen on the next check.
 */
public final class DnsLookup {

    /** CAA's type code: JNDI knows no name for it and hands back the raw record data. */
    private static final String CAA = "257";

    private final String resolver;

    /** @param resolver {@code host:port}, or blank for the resolvers of /etc/resolv.conf */
    public DnsLookup(String resolver) {
        this.resolver = resolver == null ? "" : resolver.trim();
    }

    /** What a person should read as "the resolver", for status reasons. */
    public String resolverName() {
        return resolver.isEmpty() ? "the system resolver" : "resolver " + resolver;
    }

    /**
     * @return the TXT strings of {@code name}; empty when the name or the record does not exist
     * @throws NamingException when the resolver did not answer or answered with an error
     */
    public List<String> txt(String name) throws NamingException {
        List<String> values = new ArrayList<>();
        for (Object value : records(name, "TXT")) {
            values.add(unquote(String.valueOf(value)));
        }
        return values;
    }

    /**
     * The values of the {@code issue} properties of {@code name}'s CAA records (RFC 8659), e.g.
     * {@code letsencrypt.org}; empty when there are none.
     *
     * @param anyCaa set to true when the name has CAA records at all (even without {@code issue})
     */
    public List<String> caaIssuers(String name, boolean[] anyCaa) throws NamingException {
        List<String> issuers = new ArrayList<>();
        for (Object value : records(name, CAA)) {
            anyCaa[0] = true;
            byte[] data = (byte[]) value;   // flags (1), tag length (1), tag, value
            int tagLength = data[1] & 0xff;
            String tag = new String(data, 2, tagLength, java.nio.charset.StandardCharsets.US_ASCII);
            if (tag.equalsIgnoreCase("issue")) {
                issuers.add(new String(data, 2 + tagLength, data.length - 2 - tagLength,
                        java.nio.charset.StandardCharsets.US_ASCII).split(";")[0].trim());
            }
        }
        return issuers;
    }

    private List<Object> records(String name, String type) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", resolver.isEmpty() ? "dns:" : "dns://" + resolver);
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        InitialDirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {type});
            Attribute records = attributes.get(type);
            List<Object> values = new ArrayList<>();
            if (records != null) {
                NamingEnumeration<?> all = records.getAll();
                while (all.hasMore()) {
                    values.add(all.next());
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            context.close();
        }
    }

    /** JNDI renders a TXT record's character-strings quoted and space-separated; the token is one string. */
    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\" \"", "");
        }
        return trimmed;
    }
}
