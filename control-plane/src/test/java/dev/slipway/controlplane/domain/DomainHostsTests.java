package dev.slipway.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.controlplane.domain.DomainAssociation.CertificateType;
import dev.slipway.controlplane.support.Refusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainHostsTests {

    @Test
    void settingsComeFirstAndAutoSubdomainsAddMatchingBranchesUnderTheirSlug() {
        DomainAssociation domain = domain(List.of(new SubDomainSetting("", "main"), new SubDomainSetting("dev", "main")),
                true, List.of("feature/*", "dev"));
        assertThat(DomainHosts.of(domain, List.of("main", "feature/Login", "dev", "release/1")))
                .containsExactly(java.util.Map.entry("example.com", "main"), java.util.Map.entry("dev.example.com", "main"),
                        java.util.Map.entry("feature-login.example.com", "feature/Login"));
    }

    @Test
    void autoSubdomainsAreOffUnlessEnabled() {
        DomainAssociation domain = domain(List.of(new SubDomainSetting("www", "main")), false, List.of("*"));
        assertThat(DomainHosts.of(domain, List.of("main", "dev"))).containsOnlyKeys("www.example.com");
    }

    @Test
    void namesAreNormalizedAndBadOnesRefusedWithTheirReason() {
        assertThat(DomainNames.domainName(" Example.COM. ", "localhost")).isEqualTo("example.com");
        assertThatThrownBy(() -> DomainNames.domainName("localhost", "localhost")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> DomainNames.domainName("a.b.slipway.dev", "slipway.dev"))
                .hasMessageContaining("base domain");
        assertThatThrownBy(() -> DomainNames.domainName("-bad.com", "localhost")).hasMessageContaining("labels");
        assertThat(DomainNames.prefix("Beta.Alpha")).isEqualTo("beta.alpha");
        assertThat(DomainNames.prefix(null)).isEmpty();
        assertThatThrownBy(() -> DomainNames.prefix("*")).hasMessageContaining("HTTP-01");
        assertThatThrownBy(() -> DomainNames.prefix("a..b")).hasMessageContaining("not valid");
    }

    private static DomainAssociation domain(List<SubDomainSetting> settings, boolean auto, List<String> patterns) {
        Instant now = Instant.now();
        return new DomainAssociation("example.com", "dapp", settings, auto, patterns, CertificateType.AMPLIFY_MANAGED,
                "token", DomainStatus.AVAILABLE, null, true, now, now, now, now, null);
    }
}
