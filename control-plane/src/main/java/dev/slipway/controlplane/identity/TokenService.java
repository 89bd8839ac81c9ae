package dev.slipway.controlplane.identity;

import java.nio.charset.StandardCharsets;
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
        return jdbc.sql("UPDATE api_tokens SET last_used_time = now() WHERE token_hash = ? RETURNING name, kind, role")
                .param(hash(token))
                .query((rs, n) -> new Caller(rs.getString("name"), TokenKind.valueOf(rs.getString("kind")),
                        rs.getString("role")))
                .optional();
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

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
