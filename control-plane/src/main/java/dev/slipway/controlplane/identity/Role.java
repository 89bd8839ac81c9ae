package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.Refusal;
import java.util.Locale;

/**
 * A team member's role, weakest first: each role can do everything the roles before it can. Viewers read; developers
 * build and deploy; admins manage settings and secrets; owners manage members.
 */
public enum Role {
    VIEWER, DEVELOPER, ADMIN, OWNER;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** This role, lowered to {@code ceiling} when it is stronger. */
    public Role atMost(Role ceiling) {
        return includes(ceiling) ? ceiling : this;
    }

    /** A role named by a person or a client, case-insensitive; anything else is a 400. */
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refusal.invalid("'role' must be one of viewer, developer, admin, owner (got '" + name + "').");
        }
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
