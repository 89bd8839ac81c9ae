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
 * TXT lookups through the JDK's DNS provider (JNDI), against one configured resolver ({@code host:port}) or the
 * system's. No cache: a record the owner just created is seen on the next check.
 */
public final class TxtLookup {

    private final String resolver;

    /** @param resolver {@code host:port}, or blank for the resolvers of /etc/resolv.conf */
    public TxtLookup(String resolver) {
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
    public List<String> lookup(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", resolver.isEmpty() ? "dns:" : "dns://" + resolver);
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        InitialDirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(unquote(String.valueOf(all.next())));
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
