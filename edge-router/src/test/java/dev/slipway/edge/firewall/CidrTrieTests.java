package dev.slipway.edge.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.net.Cidr;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTrieTests {

    private final CidrTrie trie = CidrTrie.builder()
            .add(Cidr.parse("203.0.113.0/24"), CidrTrie.DENY)
            .add(Cidr.parse("203.0.113.128/25"), CidrTrie.ALLOW)
            .add(Cidr.parse("203.0.113.200"), CidrTrie.DENY)
            .add(Cidr.parse("10.1.2.3/8"), CidrTrie.ALLOW)
            .add(Cidr.parse("2001:db8::/32"), CidrTrie.DENY)
            .add(Cidr.parse("2001:db8:1::/48"), CidrTrie.ALLOW)
            .build();

    @Test
    void ipv4RangesMatchUpToTheirLastAddressAndNotBeyond() throws Exception {
        assertThat(lookup("203.0.112.255")).isEqualTo(CidrTrie.NONE);
        assertThat(lookup("203.0.113.0")).isEqualTo(CidrTrie.DENY);
        assertThat(lookup("203.0.113.127")).isEqualTo(CidrTrie.DENY);
        assertThat(lookup("203.0.114.0")).isEqualTo(CidrTrie.NONE);
        // the host bits of a block as written (10.1.2.3/8) are ignored
        assertThat(lookup("10.255.255.255")).isEqualTo(CidrTrie.ALLOW);
        assertThat(lookup("11.0.0.0")).isEqualTo(CidrTrie.NONE);
    }

    @Test
    void theMostSpecificBlockDecides() throws Exception {
        assertThat(lookup("203.0.113.128")).isEqualTo(CidrTrie.ALLOW);
        assertThat(lookup("203.0.113.255")).isEqualTo(CidrTrie.ALLOW);
        assertThat(lookup("203.0.113.200")).isEqualTo(CidrTrie.DENY);
        assertThat(lookup("203.0.113.201")).isEqualTo(CidrTrie.ALLOW);
        assertThat(lookup("2001:db8:1:ffff::1")).isEqualTo(CidrTrie.ALLOW);
        assertThat(lookup("2001:db8:2::1")).isEqualTo(CidrTrie.DENY);
    }

    @Test
    void ipv6RangesMatchAtTheirEdgesAndFamiliesStayApart() throws Exception {
        assertThat(lookup("2001:db8::")).isEqualTo(CidrTrie.DENY);
        assertThat(lookup("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(CidrTrie.DENY);
        assertThat(lookup("2001:db9::")).isEqualTo(CidrTrie.NONE);
        assertThat(lookup("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(CidrTrie.NONE);
        // an IPv6 address whose first bytes equal an IPv4 block is not in it
        assertThat(lookup("cb00:7100::")).isEqualTo(CidrTrie.NONE);
        // Java hands an IPv4-mapped peer as the IPv4 address
        assertThat(lookup("::ffff:203.0.113.5")).isEqualTo(CidrTrie.DENY);
    }

    @Test
    void zeroPrefixMatchesEverythingOfItsFamilyAndDenyWinsATie() throws Exception {
        CidrTrie all = CidrTrie.builder().add(Cidr.parse("0.0.0.0/0"), CidrTrie.ALLOW)
                .add(Cidr.parse("::/0"), CidrTrie.DENY).add(Cidr.parse("::/0"), CidrTrie.ALLOW).build();
        assertThat(all.lookup(InetAddress.getByName("255.255.255.255").getAddress())).isEqualTo(CidrTrie.ALLOW);
        assertThat(all.lookup(InetAddress.getByName("::1").getAddress())).isEqualTo(CidrTrie.DENY);
        assertThat(CidrTrie.builder().build().isEmpty()).isTrue();
        assertThat(CidrTrie.builder().build().lookup(new byte[4])).isEqualTo(CidrTrie.NONE);
    }

    private byte lookup(String address) throws Exception {
        return trie.lookup(InetAddress.getByName(address).getAddress());
    }
}
