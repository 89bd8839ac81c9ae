package dev.slipway.controlplane.hoststatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GitHostConnectionRepository {

    private final JdbcClient jdbc;

    GitHostConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(GitHostConnection connection, String encryptedToken) {
        jdbc.sql("""
                INSERT INTO git_host_connections (app_id, provider, api_url, repository, token_enc, token_hint)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (app_id) DO UPDATE SET provider = excluded.provider, api_url = excluded.api_url,
                  repository = excluded.repository, token_enc = excluded.token_enc, token_hint = excluded.token_hint,
                  update_time = now()""")
                .params(connection.appId(), connection.host().id(), connection.apiUrl(), connection.repository(),
                        encryptedToken, connection.tokenHint())
                .update();
    }

    Optional<GitHostConnection> find(String appId) {
        return jdbc.sql("SELECT * FROM git_host_connections WHERE app_id = ?").param(appId)
                .query(GitHostConnectionRepository::map).optional();
    }

    boolean exists(String appId) {
        return jdbc.sql("SELECT count(*) FROM git_host_connections WHERE app_id = ?").param(appId)
                .query(Integer.class).single() > 0;
    }

    Optional<String> encryptedToken(String appId) {
        return jdbc.sql("SELECT token_enc FROM git_host_connections WHERE app_id = ?").param(appId)
                .query(String.class).optional();
    }

    boolean delete(String appId) {
        return jdbc.sql("DELETE FROM git_host_connections WHERE app_id = ?").param(appId).update() > 0;
    }

    private static GitHostConnection map(ResultSet rs, int row) throws SQLException {
        return new GitHostConnection(rs.getString("app_id"), GitHost.byId(rs.getString("provider")).orElseThrow(),
                rs.getString("api_url"), rs.getString("repository"), rs.getString("token_hint"),
                rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant());
    }
}
