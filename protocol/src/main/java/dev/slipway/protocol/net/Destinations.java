package dev.slipway.protocol.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which addresses Slipway may call on behalf of a user's configuration (a 200 rewrite to another origin, a git host's
 * API): public ones only, unless the operator allows a block. A rule or a URL written by a user must not turn a
 * Slipway process into a way into the machine or its network: loopback (the control plane, the compute host),
 * link-local (cloud metadata at 169.254.169.254), private and CGNAT ranges, multicast, unspecified, and the
 * machine's own interface addresses are refused. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are
 * judged by that address.
 *
 * <p>Callers check the address a name resolved to and then connect to exactly that address: checking a name and
 * letting the HTTP client resolve it again would let a DNS answer change in between (rebinding).
 *
 * <p>Immutable and thread-safe.
 */
public final class Destinations {

    private record Block(Cidr cidr, String kind) {
    }

    private static final List<Block> BLOCKED = List.of(
            block("0.0.0.0/8", "unspecified"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "shared (CGNAT)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.168.0.0/16", "private"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "private"),
            block("fc00::/7", "private"),
            block("ff00::/8", "multicast"));
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final long OWN_ADDRESSES_TTL_NANOS = 30_000_000_000L;

    /** Nothing allowed beyond public addresses. */
    public static final Destinations PUBLIC_ONLY = new Destinations(List.of(), Destinations::interfaceAddresses);

    private final List<Cidr> allowed;
    private final Supplier<Set<InetAddress>> interfaces;
    private volatile Set<InetAddress> own = Set.of();
    private volatile long ownSince = System.nanoTime() - OWN_ADDRESSES_TTL_NANOS - 1;

    Destinations(List<Cidr> allowed, Supplier<Set<InetAddress>> interfaces) {
        this.allowed = List.copyOf(allowed);
        this.interfaces = interfaces;
    }

    /**
     * @param allowList comma-separated CIDR blocks the operator allows despite the rules (a self-hosted git server
     *                  on the private network); blank for none
     * @throws IllegalArgumentException naming the entry that is not a CIDR block
     */
    public static Destinations allowing(String allowList) {
        List<Cidr> allowed = new ArrayList<>();
        if (allowList != null) {
            for (String entry : allowList.split(",")) {
                if (!entry.isBlank()) {
                    allowed.add(Cidr.parse(entry));
                }
            }
        }
        return new Destinations(allowed, Destinations::interfaceAddresses);
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    /** @return why {@code address} may not be called (a short phrase), or null when it may */
    public String refusal(InetAddress address) {
        for (Cidr cidr : allowed) {
            if (cidr.contains(address)) {
                return null;
            }
        }
        String kind = blockedKind(address);
        if (kind != null) {
            return address.getHostAddress() + " is a " + kind + " address";
        }
        return ownAddresses().contains(address) ? address.getHostAddress() + " is an address of this machine" : null;
    }

    /**
     * For a host about to be saved, without any lookup: a literal address is judged as {@link #refusal} does (allow
     * list included); an odd numeric form is refused; a name is left for the check once it is resolved (null).
     */
    public String hostRefusal(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        byte[] literal = Cidr.literal(name);
        if (literal == null) {
            return literalRefusal(host);
        }
        try {
            return refusal(InetAddress.getByAddress(literal));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a name resolved to, less the addresses that may not be called: connect to these (only). A name with
     * addresses in both kinds (a dual-stack {@code localhost} with only 127.0.0.0/8 allowed) keeps its callable ones.
     *
     * @return the callable addresses in their order; empty when there are none, then {@link #refusal} of the first
     *         resolved address says why
     */
    public List<InetAddress> callable(InetAddress... resolved) {
        List<InetAddress> callable = new ArrayList<>(resolved.length);
        for (InetAddress address : resolved) {
            if (refusal(address) == null) {
                callable.add(address);
            }
        }
        return callable;
    }

    /** @return the kind of a non-public address ("loopback", "private", ...), or null for a public one */
    public static String blockedKind(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        for (Block block : BLOCKED) {
            if (block.cidr().contains(judged)) {
                return block.kind();
            }
        }
        return null;
    }

    /**
     * For checks where no DNS lookup may happen (a rule or URL being saved): why a URL's host may never be called,
     * or null when it is a name (checked when it is resolved) or a public address. Refused: a literal address in a
     * blocked range, and numeric forms other than dotted quads ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}),
     * which resolvers read as addresses while they look like names. The allow list does not apply here; callers that
     * have one check it first.
     */
    public static String literalRefusal(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        byte[] literal = Cidr.literal(name);
        if (literal == null) {
            String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            boolean numeric = !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.startsWith("0x"));
            return numeric || name.startsWith("[") ? "'" + host + "' is neither a host name nor a plain IP address"
                    : null;
        }
        try {
            String kind = blockedKind(InetAddress.getByAddress(literal));
            return kind == null ? null : host + " is a " + kind + " address";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ::ffff:a.b.c.d} arrives as an IPv4 address already; NAT64, 6to4 and compatible forms are unwrapped. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        int from = NAT64.contains(address) ? 12 : SIX_TO_FOUR.contains(address) ? 2
                : COMPATIBLE.contains(address) && (bytes[12] | bytes[13]) != 0 ? 12 : -1;
        if (from < 0) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine's interface addresses, read again at most every 30 s (interfaces come and go: VPNs, bridges). */
    private Set<InetAddress> ownAddresses() {
        long now = System.nanoTime();
        if (now - ownSince > OWN_ADDRESSES_TTL_NANOS) {
            own = interfaces.get();
            ownSince = now;
        }
        return own;
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // without the list, the ranges above still hold
        }
        return Set.copyOf(addresses);
    }

    private static Block block(String cidr, String kind) {
        return new Block(Cidr.parse(cidr), kind);
    }
}
