package dev.slipway.controlplane.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * What failed sign-ins are counted against. Sign-in trims the name (Spring's form login) and then matches it exactly,
 * so the key is coarser than that match: Unicode NFKC, lower case, surrounding whitespace removed. Every spelling
 * that signs in as a user ({@code admin}, {@code " admin"}) lands on that user's key, and look-alikes of it
 * ({@code ADMIN}, full-width letters) do too, so variants never buy an attacker more tries.
 */
final class LoginKeys {

    /** Longer names cannot exist (user names are at most 100 characters); the cap keeps rows small. */
    static final int MAX_NAME = 200;

    private LoginKeys() {
    }

    static String name(String username) {
        if (username == null) {
            return "";
        }
        String key = Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        return key.length() > MAX_NAME ? key.substring(0, MAX_NAME) : key;
    }

    /**
     * The client's address as counted: IPv4 as is, IPv6 by its /64, since one subscriber usually holds a whole /64
     * and could otherwise take a fresh address for every try.
     *
     * @param remoteAddr the request's remote address (the client's own behind a trusted proxy, see application.yml)
     */
    static String address(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isBlank()) {
            return "";
        }
        if (remoteAddr.indexOf(':') < 0) {
            return remoteAddr;
        }
        try {
            // a literal is parsed, never looked up
            InetAddress address = InetAddress.getByName(remoteAddr);
            if (address instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddr;
        }
    }
}
