package dev.slipway.edge.firewall;

import dev.slipway.protocol.net.Cidr;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.function.Function;

/**
 * Who a request comes from, for the firewall: the TCP peer, unless the peer is one of the operator's trusted proxies
 * ({@code SLIPWAY_EDGE_TRUSTED_PROXIES}); then the right-most address of {@code X-Forwarded-For} that is not itself a
 * trusted proxy (entries left of it were written by the visitor and prove nothing), and the country the proxy put in
 * its country header. A visitor talking to the edge directly can claim neither. Immutable.
 */
public final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final CidrTrie trusted;
    private final String countryHeader;

    /**
     * @param trustedProxies comma-separated CIDR blocks; blank trusts nobody
     * @param countryHeader  the trusted proxy's country header (e.g. {@code CF-IPCountry}); blank reads none
     * @throws IllegalArgumentException when a block does not parse
     */
    public ClientAddresses(String trustedProxies, String countryHeader) {
        CidrTrie.Builder builder = CidrTrie.builder();
        for (String block : trustedProxies == null ? new String[0] : trustedProxies.split(",")) {
            if (!block.isBlank()) {
                builder.add(Cidr.parse(block), CidrTrie.ALLOW);
            }
        }
        this.trusted = builder.build();
        this.countryHeader = countryHeader == null || countryHeader.isBlank() ? null : countryHeader.trim();
    }

    /**
     * @param address the client's address bytes (4 or 16)
     * @param country its country code as a trusted proxy said, upper case, or null
     */
    public record Client(byte[] address, String country) {

        /** The address as text, the key its rate limits are counted under. */
        String key() {
            return NetUtil.bytesToIpAddress(address);
        }
    }

    /**
     * @param peer    the TCP peer ({@code InetSocketAddress}; anything else, such as a unix socket, counts as
     *                0.0.0.0)
     * @param headers the request's header by name
     */
    public Client client(SocketAddress peer, Function<String, String> headers) {
        byte[] address = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getAddress() : new byte[4];
        if (trusted.isEmpty() || trusted.lookup(address) == CidrTrie.NONE) {
            return new Client(address, null);
        }
        String country = countryHeader == null ? null : headers.apply(countryHeader);
        return new Client(forwardedClient(address, headers.apply(FORWARDED_FOR)),
                country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT));
    }

    /** The right-most untrusted address of the header, or the left-most parseable one when all are trusted. */
    private byte[] forwardedClient(byte[] peer, String forwardedFor) {
        if (forwardedFor == null) {
            return peer;
        }
        byte[] client = peer;
        int end = forwardedFor.length();
        while (end > 0) {
            int comma = forwardedFor.lastIndexOf(',', end - 1);
            byte[] hop = parse(forwardedFor.substring(comma + 1, end).trim());
            if (hop == null) {
                // garbage from the visitor (or an obfuscated hop): nothing left of it can be believed
                return client;
            }
            client = hop;
            if (trusted.lookup(hop) == CidrTrie.NONE) {
                return client;
            }
            end = comma < 0 ? 0 : comma;
        }
        return client;
    }

    /** An address literal ({@code [v6]} and {@code [v6]:port} too), never a DNS lookup; null for anything else. */
    private static byte[] parse(String hop) {
        String text = hop;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            text = close < 0 ? text : text.substring(1, close);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes != null && bytes.length == 16) {
            byte[] v4 = mappedIpv4(bytes);
            return v4 != null ? v4 : bytes;
        }
        return bytes;
    }

    /** {@code ::ffff:a.b.c.d} as its IPv4 address, as Java hands peers of a dual-stack socket. */
    private static byte[] mappedIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return null;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }
}
