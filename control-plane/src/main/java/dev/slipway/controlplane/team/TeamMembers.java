package dev.slipway.controlplane.team;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.support.Refusal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The team (one per installation): its members, their roles, and the rule that someone always remains owner. */
@Service
public class TeamMembers {

    public record Member(String username, String email, Role role, Instant createTime) {
    }

    private final JdbcClient jdbc;

    TeamMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Member> list() {
        return jdbc.sql("SELECT username, email, role, create_time FROM users ORDER BY username")
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getTimestamp(4).toInstant())).list();
    }

    @Transactional
    public void changeRole(String username, Role role) {
        if (role != Role.OWNER) {
            keepAnOwner(username);
        }
        if (jdbc.sql("UPDATE users SET role = ? WHERE username = ?").params(role.name(), username).update() == 0) {
            throw notFound(username);
        }
    }

    /** Removes a member; their API tokens go with them (foreign key). */
    @Transactional
    public void remove(String username) {
        keepAnOwner(username);
        if (jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update() == 0) {
            throw notFound(username);
        }
    }

    /** Refuses to take the owner role from the last owner; owners are locked so two demotions cannot race. */
    private void keepAnOwner(String username) {
        List<String> owners = jdbc.sql("SELECT username FROM users WHERE role = 'OWNER' FOR UPDATE")
                .query(String.class).list();
        if (owners.size() == 1 && owners.contains(username)) {
            throw Refusal.conflict("'" + username + "' is the team's only owner; make someone else owner first.");
        }
    }

    private static Refusal notFound(String username) {
        return Refusal.notFound("No member named '" + username + "'.");
    }
}
