package dev.slipway.edge.firewall;

import dev.slipway.protocol.net.Cidr;

/**
 * Longest-prefix match of address blocks, one binary trie per address family, built once per snapshot: a lookup walks
 * at most 32 (IPv4) or 128 (IPv6) nodes and allocates nothing, however many blocks there are. When the same block
 * is given twice with different answers, {@link #DENY} wins. Immutable once {@link Builder#build} returned it.
 */
public final class CidrTrie {

    public static final byte NONE = 0;
    public static final byte ALLOW = 1;
    public static final byte DENY = 2;

    private final Node v4;
    private final Node v6;
    private final boolean empty;

    private CidrTrie(Node v4, Node v6, boolean empty) {
        this.v4 = v4;
        this.v6 = v6;
        this.empty = empty;
    }

    private static final class Node {
        Node zero;
        Node one;
        byte answer = NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return empty;
    }

    /**
     * @param address 4 or 16 bytes (an IPv4-mapped IPv6 address is looked up as the IPv4 one, as Java hands them)
     * @return the answer of the most specific block containing {@code address}, or {@link #NONE}
     */
    public byte lookup(byte[] address) {
        Node node = address.length == 4 ? v4 : v6;
        byte best = node.answer;
        int bits = address.length * 8;
        for (int i = 0; i < bits; i++) {
            node = (address[i >>> 3] >>> (7 - (i & 7)) & 1) == 0 ? node.zero : node.one;
            if (node == null) {
                break;
            }
            if (node.answer != NONE) {
                best = node.answer;
            }
        }
        return best;
    }

    /** Collects blocks; not thread-safe. */
    public static final class Builder {

        private final Node v4 = new Node();
        private final Node v6 = new Node();
        private boolean empty = true;

        /** @param answer {@link #ALLOW} or {@link #DENY} */
        public Builder add(Cidr cidr, byte answer) {
            byte[] network = cidr.network();
            Node node = network.length == 4 ? v4 : v6;
            for (int i = 0; i < cidr.prefix(); i++) {
                if ((network[i >>> 3] >>> (7 - (i & 7)) & 1) == 0) {
                    node = node.zero == null ? (node.zero = new Node()) : node.zero;
                } else {
                    node = node.one == null ? (node.one = new Node()) : node.one;
                }
            }
            node.answer = (byte) Math.max(node.answer, answer);
            empty = false;
            return this;
        }

        public CidrTrie build() {
            return new CidrTrie(v4, v6, empty);
        }
    }
}
