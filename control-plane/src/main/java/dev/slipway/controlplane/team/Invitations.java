package dev.slipway.controlplane.team;

import dev.slipway.controlplane.audit.AuditLog;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.RandomIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by link: the link carries a one-time token (only its SHA-256 is stored) that lets its holder choose a
 * user name and password once, within {@link #VALID_FOR}, and join with the role the inviter chose.
 */
@Service
public class Invitations {

    static final Duration VALID_FOR = Duration.ofDays(7);
    static final int MIN_PASSWORD = 12;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

    public record Invitation(long invitationId, String email, Role role, String invitedBy, Instant createTime,
            Instant expireTime) {
    }

    /** A new invitation; {@code link} is shown once. */
    public record Created(Invitation invitation, String link) {
    }

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final ControlPlaneProperties properties;
    private final AuditLog audit;

    Invitations(JdbcClient jdbc, UserAccounts users, ControlPlaneProperties properties, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.users = users;
        this.properties = properties;
    }

    public Created create(Me inviter, String email, Role role) {
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            throw Refusal.invalid("'email' must be an email address (got '" + email + "').");
        }
        if (!inviter.role().includes(role)) {
            throw Refusal.forbidden("You cannot invite someone with a role above yours.");
        }
        String token = RandomIds.secret();
        Invitation invitation = jdbc.sql("""
                INSERT INTO invitations (email, role, token_hash, invited_by, expire_time) VALUES (?, ?, ?, ?, ?)
                RETURNING invitation_id, email, role, invited_by, create_time, expire_time""")
                .params(email.trim(), role.name(), hash(token), inviter.actor(),
                        java.sql.Timestamp.from(Instant.now().plus(VALID_FOR)))
                .query(Invitations::invitation).single();
        return new Created(invitation, properties.publicUrl() + "/invitations/" + token);
    }

    /** Invitations not yet accepted, revoked or expired. */
    public List<Invitation> pending() {
        return jdbc.sql("""
                SELECT invitation_id, email, role, invited_by, create_time, expire_time FROM invitations
                WHERE accept_time IS NULL AND expire_time > now() ORDER BY create_time DESC""")
                .query(Invitations::invitation).list();
    }

    public Optional<Invitation> find(String token) {
        return jdbc.sql("""
                SELECT invitation_id, email, role, invited_by, create_time, expire_time FROM invitations
                WHERE token_hash = ? AND accept_time IS NULL AND expire_time > now()""")
                .param(hash(token)).query(Invitations::invitation).optional();
    }

    public void revoke(long invitationId) {
        if (jdbc.sql("DELETE FROM invitations WHERE invitation_id = ? AND accept_time IS NULL").param(invitationId)
                .update() == 0) {
            throw Refusal.notFound("No pending invitation " + invitationId + ".");
        }
    }

    /**
     * Uses the link once: the member is created, and the audit event written, in the same transaction that marks the
     * invitation accepted. Recorded here because the link's holder is no member yet, so the audit interceptor that
     * records members' changes cannot see it; the event names the invitation by id, never by its token.
     *
     * @param address where the request came from, for the audit log
     */
    @Transactional
    public String accept(String token, String username, String password, String address) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw Refusal.invalid("Choose a user name of letters, digits and . _ @ + - (up to 100).");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw Refusal.invalid("Choose a password of at least " + MIN_PASSWORD + " characters.");
        }
        Invitation invitation = jdbc.sql("""
                UPDATE invitations SET accept_time = now(), accepted_by = ?
                WHERE token_hash = ? AND accept_time IS NULL AND expire_time > now()
                RETURNING invitation_id, email, role, invited_by, create_time, expire_time""")
                .params(username, hash(token)).query(Invitations::invitation).optional()
                .orElseThrow(() -> Refusal.notFound("This invitation link was used, revoked or has expired."));
        try {
            users.create(username, invitation.email(), password, invitation.role().name());
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("The user name '" + username + "' is taken; choose another.");
        }
        audit.record(username, "CONSOLE", "ACCEPT INVITATION", "/team/invitations/" + invitation.invitationId(), 200,
                address);
        return username;
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getLong("invitation_id"), rs.getString("email"), Role.parse(rs.getString("role")),
                rs.getString("invited_by"), rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("expire_time").toInstant());
    }

    private static String hash(String token) {
        return TokenService.hash(String.valueOf(token));
    }
}
