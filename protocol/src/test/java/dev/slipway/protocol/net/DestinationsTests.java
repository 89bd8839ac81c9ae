package dev.slipway.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationsTests {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void nonPublicRangesAreRefusedWithTheirKind() throws Exception {
        Destinations destinations = new Destinations(List.of(), Set::of);
        for (String address : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "100.64.0.1", "100.127.255.255", "169.254.169.254", "224.0.0.1", "0.0.0.0",
                "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
                "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "::7f00:1")) {
            assertThat(destinations.refusal(ip(address))).as(address).isNotNull();
        }
        assertThat(destinations.refusal(ip("169.254.169.254"))).contains("link-local");
        assertThat(destinations.refusal(ip("100.64.0.1"))).contains("CGNAT");
        for (String address : List.of("93.184.215.14", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2606:4700::1111",
                "192.169.0.1")) {
            assertThat(destinations.refusal(ip(address))).as(address).isNull();
        }
    }

    @Test
    void theMachinesOwnAddressesAreRefused() throws Exception {
        InetAddress own = ip("203.0.113.7");
        Destinations destinations = new Destinations(List.of(), () -> Set.of(own));
        assertThat(destinations.refusal(ip("203.0.113.7"))).contains("this machine");
        assertThat(destinations.refusal(ip("203.0.113.8"))).isNull();
    }

    @Test
    void theAllowListWins() throws Exception {
        Destinations destinations = Destinations.allowing(" 127.0.0.0/8, fd00::/8 ,10.0.0.5");
        assertThat(destinations.refusal(ip("127.0.0.1"))).isNull();
        assertThat(destinations.refusal(ip("fd00::1"))).isNull();
        assertThat(destinations.refusal(ip("10.0.0.5"))).isNull();
        assertThat(destinations.refusal(ip("10.0.0.6"))).isNotNull();
        assertThat(destinations.allowed()).hasSize(3);
        assertThat(Destinations.allowing("").allowed()).isEmpty();
        assertThatThrownBy(() -> Destinations.allowing("localhost/8")).hasMessageContaining("localhost/8");
        assertThatThrownBy(() -> Destinations.allowing("10.0.0.0/33")).hasMessageContaining("/33");
    }

    @Test
    void literalHostsAreJudgedWithoutLookingAnythingUp() {
        assertThat(Destinations.literalRefusal("169.254.169.254")).contains("link-local");
        assertThat(Destinations.literalRefusal("127.0.0.1")).contains("loopback");
        assertThat(Destinations.literalRefusal("[::1]")).contains("loopback");
        assertThat(Destinations.literalRefusal("[::ffff:10.0.0.1]")).contains("private");
        for (String odd : List.of("2130706433", "0x7f.1", "127.1", "0177.0.0.1", "[::1%lo]")) {
            assertThat(Destinations.literalRefusal(odd)).as(odd).contains("neither a host name");
        }
        assertThat(Destinations.literalRefusal("api.example.com")).isNull();
        assertThat(Destinations.literalRefusal("localhost")).as("a name: judged once resolved").isNull();
        assertThat(Destinations.literalRefusal("93.184.215.14")).isNull();
    }

    @Test
    void aDualStackNameKeepsItsCallableAddresses() throws Exception {
        Destinations destinations = new Destinations(List.of(Cidr.parse("127.0.0.0/8")), Set::of);
        assertThat(destinations.callable(ip("::1"), ip("127.0.0.1"))).containsExactly(ip("127.0.0.1"));
        assertThat(destinations.callable(ip("::1"))).isEmpty();
    }

    @Test
    void hostsAboutToBeSavedHonourTheAllowList() {
        assertThat(Destinations.allowing("").hostRefusal("127.0.0.1")).contains("loopback");
        assertThat(Destinations.allowing("127.0.0.0/8").hostRefusal("127.0.0.1")).isNull();
        assertThat(Destinations.allowing("127.0.0.0/8").hostRefusal("127.1")).isNotNull();
        assertThat(Destinations.allowing("").hostRefusal("git.example.com")).isNull();
    }

    @Test
    void cidrBlocksMatchOnTheirPrefix() throws Exception {
        Cidr block = Cidr.parse("172.16.0.0/12");
        assertThat(block.contains(ip("172.20.1.1"))).isTrue();
        assertThat(block.contains(ip("172.32.0.0"))).isFalse();
        assertThat(block.contains(ip("::1"))).isFalse();
        assertThat(block.toString()).isEqualTo("172.16.0.0/12");
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }
}
