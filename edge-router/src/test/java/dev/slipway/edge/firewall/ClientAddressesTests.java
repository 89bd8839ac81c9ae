package dev.slipway.edge.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressesTests {

    private final ClientAddresses clients = new ClientAddresses("10.0.0.0/8, fd00::/8", "CF-IPCountry");

    @Test
    void thePeerIsTheClientUnlessItIsATrustedProxy() {
        assertThat(client("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113.1", "CF-IPCountry", "DE")))
                .isEqualTo("198.51.100.7 null");
        assertThat(client("10.0.0.5", Map.of("X-Forwarded-For", "203.0.113.1", "CF-IPCountry", "de")))
                .isEqualTo("203.0.113.1 DE");
        assertThat(client("10.0.0.5", Map.of())).isEqualTo("10.0.0.5 null");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(client("10.0.0.5", Map.of("X-Forwarded-For", "1.1.1.1, 203.0.113.1, 10.2.2.2, fd00::9")))
                .isEqualTo("203.0.113.1 null");
        assertThat(client("fd00::1", Map.of("X-Forwarded-For", "[2001:db8::7]:4711"))).isEqualTo("2001:db8::7 null");
        // only trusted hops: the left-most of them
        assertThat(client("10.0.0.5", Map.of("X-Forwarded-For", "10.3.3.3,10.4.4.4"))).isEqualTo("10.3.3.3 null");
        // garbage stops the walk at the last hop that could be read
        assertThat(client("10.0.0.5", Map.of("X-Forwarded-For", "203.0.113.1, unknown, 10.4.4.4")))
                .isEqualTo("10.4.4.4 null");
        assertThat(client("10.0.0.5", Map.of("X-Forwarded-For", "::ffff:203.0.113.1"))).isEqualTo("203.0.113.1 null");
    }

    @Test
    void badBlocksAreRefusedAndBlankTrustsNobody() {
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(".*", "")).isInstanceOf(IllegalArgumentException.class);
        ClientAddresses nobody = new ClientAddresses("", "");
        ClientAddresses.Client client = nobody.client(new InetSocketAddress("10.0.0.5", 1),
                Map.of("X-Forwarded-For", "203.0.113.1")::get);
        assertThat(NetUtil.bytesToIpAddress(client.address())).isEqualTo("10.0.0.5");
    }

    private String client(String peer, Map<String, String> headers) {
        ClientAddresses.Client client = clients.client(new InetSocketAddress(peer, 1234), headers::get);
        return NetUtil.bytesToIpAddress(client.address()) + " " + client.country();
    }
}
