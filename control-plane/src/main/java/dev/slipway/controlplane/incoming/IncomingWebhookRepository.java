package dev.slipway.controlplane.incoming;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IncomingWebhookRepository {

    /** A webhook with what is needed to authenticate a call to it. */
    record Stored(IncomingWebhook webhook, String tokenHash, boolean deleted) {
    }

    private final JdbcClient jdbc;

    IncomingWebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(IncomingWebhook webhook, String tokenHash) {
        jdbc.sql("""
                INSERT INTO incoming_webhooks (webhook_id, app_id, branch_name, description, token_hash)
                VALUES (?, ?, ?, ?, ?)""")
                .params(webhook.webhookId(), webhook.appId(), webhook.branchName(), webhook.description(), tokenHash)
                .update();
    }

    int countLive(String appId) {
        return jdbc.sql("SELECT count(*) FROM incoming_webhooks WHERE app_id = ? AND delete_time IS NULL")
                .param(appId).query(Integer.class).single();
    }

    List<IncomingWebhook> listLive(String appId) {
        return jdbc.sql("""
                SELECT * FROM incoming_webhooks WHERE app_id = ? AND delete_time IS NULL ORDER BY create_time""")
                .param(appId).query((rs, n) -> map(rs)).list();
    }

    Optional<IncomingWebhook> findLive(String appId, UUID webhookId) {
        return jdbc.sql("SELECT * FROM incoming_webhooks WHERE app_id = ? AND webhook_id = ? AND delete_time IS NULL")
                .params(appId, webhookId).query((rs, n) -> map(rs)).optional();
    }

    /** Includes deleted webhooks, so a caller with the right token learns it was deleted. */
    Optional<Stored> findForCall(UUID webhookId) {
        return jdbc.sql("SELECT * FROM incoming_webhooks WHERE webhook_id = ?").param(webhookId)
                .query((rs, n) -> new Stored(map(rs), rs.getString("token_hash"), rs.getTimestamp("delete_time") != null))
                .optional();
    }

    boolean markDeleted(String appId, UUID webhookId) {
        return jdbc.sql("""
                UPDATE incoming_webhooks SET delete_time = now(), update_time = now()
                WHERE app_id = ? AND webhook_id = ? AND delete_time IS NULL""")
                .params(appId, webhookId).update() > 0;
    }

    private static IncomingWebhook map(ResultSet rs) throws SQLException {
        return new IncomingWebhook(rs.getObject("webhook_id", UUID.class), rs.getString("app_id"),
                rs.getString("branch_name"), rs.getString("description"), rs.getTimestamp("create_time").toInstant(),
                rs.getTimestamp("update_time").toInstant());
    }
}
