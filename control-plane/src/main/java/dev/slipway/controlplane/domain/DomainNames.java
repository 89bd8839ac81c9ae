package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.support.Refusal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the names a domain association is made of; failures are 400s that say what is wrong. */
final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainNames() {
    }

    /** Lower-case, no trailing dot, at least two labels, at most 253 characters. */
    static String domainName(String raw, String baseDomain) {
        if (raw == null || raw.isBlank()) {
            throw Refusal.invalid("'domainName' is required, e.g. \"example.com\".");
        }
        String name = raw.trim().toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.length() > 253 || !name.contains(".") || !labels(name)) {
            throw Refusal.invalid("'domainName' \"" + raw + "\" is not a domain name: letters, digits and "
                    + "hyphens in dot-separated labels of 1 to 63 characters, e.g. \"example.com\".");
        }
        String base = baseDomain.toLowerCase(Locale.ROOT);
        if (name.equals(base) || name.endsWith("." + base)) {
            throw Refusal.invalid("'" + name + "' is under Slipway's own base domain " + base
                    + "; apps are served there already.");
        }
        return name;
    }

    /** "" (the apex) or dot-separated labels; the wildcard {@code *} is refused with its reason. */
    static String prefix(String raw) {
        String prefix = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (prefix.equals("*")) {
            throw Refusal.invalid("The wildcard prefix '*' is not supported: certificates are issued with "
                    + "HTTP-01, which cannot prove a wildcard. List each subdomain, or use enableAutoSubDomain.");
        }
        if (!prefix.isEmpty() && !labels(prefix)) {
            throw Refusal.invalid("Subdomain prefix \"" + raw + "\" is not valid: use \"\" for the apex, or "
                    + "labels of letters, digits and hyphens such as \"www\" or \"beta.alpha\".");
        }
        return prefix;
    }

    private static boolean labels(String name) {
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
