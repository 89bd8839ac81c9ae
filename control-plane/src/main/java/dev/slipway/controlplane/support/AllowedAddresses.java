package dev.slipway.controlplane.support;

import dev.slipway.protocol.net.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** The address blocks whose clients may read the metrics without a token. Immutable. */
public record AllowedAddresses(List<Cidr> blocks) {

    public AllowedAddresses {
        blocks = List.copyOf(blocks);
    }

    /** @param csv comma-separated CIDR blocks or bare addresses; blank allows no address */
    public static AllowedAddresses parse(String csv) {
        return new AllowedAddresses(Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList());
    }

    /** Whether {@code address}, an IP literal as the servlet container reports it, lies in one of the blocks. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : Cidr.literal(address);
        if (bytes == null) {
            return false;
        }
        try {
            // an IPv4-mapped IPv6 literal comes back as the IPv4 address, so ::ffff:127.0.0.1 matches 127.0.0.0/8
            InetAddress parsed = InetAddress.getByAddress(bytes);
            return blocks.stream().anyMatch(block -> block.contains(parsed));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
