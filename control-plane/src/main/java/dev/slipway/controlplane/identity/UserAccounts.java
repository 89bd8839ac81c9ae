package dev.slipway.controlplane.identity;

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

/** Console users; the role becomes the authority {@code ROLE_<role>}. */
@Service
public class UserAccounts implements UserDetailsService {

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
}
