package dev.slipway.controlplane.domain;

import dev.slipway.protocol.glob.GlobMatcher;
import dev.slipway.protocol.naming.HostNames;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The host names a domain association serves and the branch behind each: its subdomain settings, then (with
 * {@code enableAutoSubDomain}) {@code <branch-slug>.<domain>} for every connected branch matching a pattern, unless
 * a setting already claims that host. Certificates cover exactly these hosts.
 */
public final class DomainHosts {

    private DomainHosts() {
    }

    /** @return host to branch name, in a stable order (settings first) */
    public static Map<String, String> of(DomainAssociation domain, Collection<String> branchNames) {
        Map<String, String> hosts = new LinkedHashMap<>();
        for (SubDomainSetting setting : domain.subDomainSettings()) {
            hosts.put(setting.host(domain.domainName()), setting.branchName());
        }
        if (domain.enableAutoSubDomain()) {
            List<Pattern> patterns = domain.autoSubDomainCreationPatterns().stream().map(GlobMatcher::branchPattern)
                    .toList();
            branchNames.stream().sorted()
                    .filter(branch -> patterns.stream().anyMatch(p -> p.matcher(branch).matches()))
                    .forEach(branch -> hosts.putIfAbsent(
                            HostNames.branchSlug(branch) + "." + domain.domainName(), branch));
        }
        return hosts;
    }
}
