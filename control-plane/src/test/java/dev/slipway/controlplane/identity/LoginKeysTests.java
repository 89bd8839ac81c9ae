package dev.slipway.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginKeysTests {

    @Test
    void everySpellingOfANameSharesItsKey() {
        assertThat(LoginKeys.name("admin")).isEqualTo("admin");
        assertThat(LoginKeys.name(" admin\t")).isEqualTo("admin");
        assertThat(LoginKeys.name("ADMIN")).isEqualTo("admin");
        assertThat(LoginKeys.name("\uFF41\uFF44\uFF4D\uFF49\uFF4E")).as("full-width letters").isEqualTo("admin");
        assertThat(LoginKeys.name("\u3000admin\u00A0")).as("Unicode spaces").isEqualTo("admin");
        assertThat(LoginKeys.name(null)).isEmpty();
        assertThat(LoginKeys.name("x".repeat(10_000))).hasSize(LoginKeys.MAX_NAME);
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        assertThat(LoginKeys.address("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginKeys.address("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(LoginKeys.address("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginKeys.address("2001:db8:1:3::1")).isNotEqualTo(LoginKeys.address("2001:db8:1:2::1"));
    }
}
