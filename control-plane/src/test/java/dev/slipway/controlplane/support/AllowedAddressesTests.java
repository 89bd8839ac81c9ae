package dev.slipway.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedAddressesTests {

    @Test
    void theDefaultAllowsLoopbackOnly() {
        AllowedAddresses loopback = AllowedAddresses.parse("127.0.0.0/8,::1/128");
        assertThat(loopback.contains("127.0.0.1")).isTrue();
        assertThat(loopback.contains("127.1.2.3")).isTrue();
        assertThat(loopback.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(loopback.contains("::ffff:127.0.0.1")).as("IPv4-mapped").isTrue();
        assertThat(loopback.contains("10.0.0.1")).isFalse();
        assertThat(loopback.contains("::2")).isFalse();
    }

    @Test
    void blocksAndBareAddressesMatchByPrefix() {
        AllowedAddresses allowed = AllowedAddresses.parse(" 10.1.0.0/16 , 192.0.2.7, fd00::/8");
        assertThat(allowed.contains("10.1.255.3")).isTrue();
        assertThat(allowed.contains("10.2.0.1")).isFalse();
        assertThat(allowed.contains("192.0.2.7")).isTrue();
        assertThat(allowed.contains("192.0.2.8")).isFalse();
        assertThat(allowed.contains("fd12::1")).isTrue();
        assertThat(allowed.contains("127.0.0.1")).isFalse();
    }

    @Test
    void namesAndBlankAllowNobody() {
        assertThat(AllowedAddresses.parse("").contains("127.0.0.1")).isFalse();
        assertThat(AllowedAddresses.parse("127.0.0.0/8").contains("localhost")).as("never resolved").isFalse();
        assertThat(AllowedAddresses.parse("127.0.0.0/8").contains(null)).isFalse();
        assertThatThrownBy(() -> new MetricsProperties("10.0.0.0/33", java.time.Duration.ofSeconds(5)))
                .hasMessageContaining("SLIPWAY_METRICS_ALLOWED_CIDRS");
    }
}
