package dev.slipway.controlplane.team;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.controlplane.support.Refusal;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The team (one per installation): its members, their roles, and the rule that someone always remains owner. */
@Service
public class TeamMembers {

    private final UserAccounts accounts;

    TeamMembers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    public List<UserAccounts.Account> list() {
        return accounts.all();
    }

    @Transactional
    public void changeRole(String username, Role role) {
        if (role != Role.OWNER) {
            keepAnOwner(username);
        }
        if (!accounts.changeRole(username, role)) {
            throw notFound(username);
        }
    }

    /** Removes a member; their API tokens go with them. */
    @Transactional
    public void remove(String username) {
        keepAnOwner(username);
        if (!accounts.remove(username)) {
            throw notFound(username);
        }
    }

    /** Refuses to take the owner role from the last owner. */
    private void keepAnOwner(String username) {
        List<String> owners = accounts.lockOwners();
        if (owners.size() == 1 && owners.contains(username)) {
            throw Refusal.conflict("'" + username + "' is the team's only owner; make someone else owner first.");
        }
    }

    private static Refusal notFound(String username) {
        return Refusal.notFound("No member named '" + username + "'.");
    }
}
