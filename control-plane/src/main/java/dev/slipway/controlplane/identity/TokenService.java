package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.RandomIds;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API, runner and edge tokens. Only a token's SHA-256 is stored; lookup is by that hash, so comparing secrets never
 * happens byte by byte in Java.
 */
@Service
public class TokenService {

    private final JdbcClient jdbc;

    TokenService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                UPDATE api_tokens SET last_used_time = now() WHERE token_hash = ?
                RETURNING name, kind, role, username,
                          (SELECT u.role FROM users u WHERE u.username = api_tokens.username) AS creator_role""")
                .param(hash(token))
                .query((rs, n) -> new Caller(rs.getString("name"), TokenKind.valueOf(rs.getString("kind")),
                        cappedRole(rs.getString("role"), rs.getString("creator_role")), rs.getString("username")))
                .optional();
    }

    /** A member's token never outranks the member: demoting someone demotes their tokens too. */
    private static String cappedRole(String tokenRole, String creatorRole) {
        return creatorRole == null ? tokenRole : Role.parse(tokenRole).atMost(Role.parse(creatorRole)).name();
    }

    public record TokenInfo(long tokenId, String name, Role role, Instant createTime, Instant lastUsedTime) {
    }

    /** A new token: {@code token} is shown once and never stored. */
    public record CreatedToken(TokenInfo info, String token) {
    }

    /** A member's API token with their role or a weaker one. */
    public CreatedToken create(Me creator, String name, Role role) {
        if (creator.username() == null) {
            throw Refusal.invalid("Tokens belong to members; sign in (or use a member's token) to create one.");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Refusal.invalid("'name' must be 1 to 100 characters, to tell the token apart later.");
        }
        Role granted = role == null ? creator.role() : role;
        if (!creator.role().includes(granted)) {
            throw Refusal.forbidden("A token cannot carry a role above yours (" + creator.role().label().toLowerCase() + ").");
        }
        String token = RandomIds.secret();
        TokenInfo info = jdbc.sql("""
                INSERT INTO api_tokens (token_hash, name, kind, role, username) VALUES (?, ?, 'USER', ?, ?)
                RETURNING token_id, name, role, create_time, last_used_time""")
                .params(hash(token), name.trim(), granted.name(), creator.username())
                .query(TokenService::info).single();
        return new CreatedToken(info, token);
    }

    public List<TokenInfo> list(String username) {
        return jdbc.sql("""
                SELECT token_id, name, role, create_time, last_used_time FROM api_tokens
                WHERE username = ? ORDER BY create_time DESC""").param(username).query(TokenService::info).list();
    }

    /** Revokes one of the member's own tokens. */
    public void revoke(String username, long tokenId) {
        if (jdbc.sql("DELETE FROM api_tokens WHERE token_id = ? AND username = ?").params(tokenId, username).update() == 0) {
            throw Refusal.notFound("You have no token " + tokenId + ".");
        }
    }

    private static TokenInfo info(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_time");
        return new TokenInfo(rs.getLong("token_id"), rs.getString("name"), Role.parse(rs.getString("role")),
                rs.getTimestamp("create_time").toInstant(), lastUsed == null ? null : lastUsed.toInstant());
    }

    /** Registers a token (idempotent: an existing token keeps its row). */
    public void register(String token, String name, TokenKind kind, String role) {
        jdbc.sql("""
                INSERT INTO api_tokens (token_hash, name, kind, role) VALUES (?, ?, ?, ?)
                ON CONFLICT (token_hash) DO NOTHING""")
                .params(hash(token), name, kind.name(), role)
                .update();
    }

    public boolean anyOfKind(TokenKind kind) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_tokens WHERE kind = ?)").param(kind.name())
                .query(Boolean.class).single();
    }

    /** SHA-256 hex, how every one-time credential is stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
