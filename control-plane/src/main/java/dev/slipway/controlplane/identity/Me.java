package dev.slipway.controlplane.identity;

/**
 * A team member making a request, with the role in force for it. {@code username} is null for the bootstrap token,
 * which belongs to the installation rather than to a member; {@code token} names the API token used, null in the
 * console.
 */
public record Me(String username, Role role, String token) {

    public boolean canDevelop() {
        return role.includes(Role.DEVELOPER);
    }

    public boolean canAdminister() {
        return role.includes(Role.ADMIN);
    }

    public boolean isOwner() {
        return role.includes(Role.OWNER);
    }

    /** How the audit log names this caller. */
    public String actor() {
        String who = username != null ? username : "installation";
        return token != null ? who + " (token " + token + ")" : who;
    }
}
