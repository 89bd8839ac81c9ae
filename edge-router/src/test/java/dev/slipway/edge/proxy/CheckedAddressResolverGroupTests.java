package dev.slipway.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.net.Destinations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class CheckedAddressResolverGroupTests {

    @Test
    void namesAndLiteralsThatReachThisMachineAreRefused() {
        CheckedAddressResolverGroup resolver = new CheckedAddressResolverGroup(Destinations.PUBLIC_ONLY);
        assertThatThrownBy(() -> resolver.checked(InetSocketAddress.createUnresolved("localhost", 443)))
                .isInstanceOf(CheckedAddressResolverGroup.Refused.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> resolver.checked(new InetSocketAddress("169.254.169.254", 443)))
                .hasMessageContaining("link-local");
    }

    @Test
    void theConnectionGoesToTheCheckedAddress() throws Exception {
        CheckedAddressResolverGroup resolver = new CheckedAddressResolverGroup(Destinations.allowing("127.0.0.0/8"));
        assertThat(resolver.checked(InetSocketAddress.createUnresolved("127.0.0.1", 8443)))
                .containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8443));
    }
}
