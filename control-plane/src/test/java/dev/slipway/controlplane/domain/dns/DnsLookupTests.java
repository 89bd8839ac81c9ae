package dev.slipway.controlplane.domain.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * What a lookup says when there is no answer to give; the answers themselves are checked against a real DNS server
 * (pebble-challtestsrv) in DomainsIntegrationTests.
 */
class DnsLookupTests {

    @Test
    void aResolverThatDoesNotAnswerIsNotAnEmptyRecordSet() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        DnsLookup lookup = new DnsLookup("127.0.0.1:" + closedPort);
        assertThat(lookup.resolverName()).isEqualTo("resolver 127.0.0.1:" + closedPort);
        // the record may exist: the domain must stay waiting, not be told that it has no TXT record
        assertThatThrownBy(() -> lookup.txt("_slipway-challenge.example.test")).isInstanceOf(DnsLookup.Unanswered.class);
    }

    @Test
    void aNameThatIsNoDnsNameIsRefusedBeforeAnyQuery() {
        assertThatThrownBy(() -> new DnsLookup("127.0.0.1:9").txt("a..b")).isInstanceOf(DnsLookup.Unanswered.class)
                .hasMessageContaining("not a DNS name");
    }
}
