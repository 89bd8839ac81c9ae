package dev.slipway.controlplane.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Console users, the one owner of the {@code users} table (the team feature manages members through it); the role
 * becomes the authority {@code ROLE_<role>}.
 */
@Service
public class UserAccounts implements UserDetailsService {

    /** A member as the team page lists them. */
    public record Account(String username, String email, Role role, Instant createTime) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role FROM users WHERE username = ?").param(username)
                .query((rs, n) -> new User(rs.getString(1), rs.getString(2),
                        List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString(3)))))
                .optional().orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** The member's current role; empty when no such member (any more). */
    public Optional<Role> roleOf(String username) {
        return jdbc.sql("SELECT role FROM users WHERE username = ?").param(username).query(String.class).optional()
                .map(Role::parse);
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
    }

    public void create(String username, String email, String password, String role) {
        jdbc.sql("INSERT INTO users (username, email, password_hash, role) VALUES (?, ?, ?, ?)")
                .params(username, email, passwords.encode(password), role).update();
    }

    /** Every member, by name. */
    public List<Account> all() {
        return jdbc.sql("SELECT username, email, role, create_time FROM users ORDER BY username")
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getTimestamp(4).toInstant())).list();
    }

    /** @return false when there is no such member */
    public boolean changeRole(String username, Role role) {
        return jdbc.sql("UPDATE users SET role = ? WHERE username = ?").params(role.name(), username).update() > 0;
    }

    /** Removes a member; their API tokens go with them (foreign key). @return false when there is no such member */
    public boolean remove(String username) {
        return jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update() > 0;
    }

    /** The owners, locked until the caller's transaction ends, so that two demotions cannot both pass a check. */
    public List<String> lockOwners() {
        return jdbc.sql("SELECT username FROM users WHERE role = ? FOR UPDATE").param(Role.OWNER.name())
                .query(String.class).list();
    }
}
