package dev.slipway.controlplane.webhook;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bodies of verified deliveries that queued a build or removed a branch, per app and provider (their SHA-256), for
 * {@link #WINDOW}. A signature covers the
 * body only, not the delivery id header, so whoever captured one delivery could replay it under fresh ids and queue
 * a build each time. Real redeliveries keep their id (GitHub, GitLab's Idempotency-Key, Bitbucket's request UUID)
 * and real events differ in their bodies (commit ids, timestamps), so neither is affected.
 */
@Repository
class DeliveryBodies {

    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;

    DeliveryBodies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the body for this delivery; in the delivery's transaction, so of two concurrent replays one waits for the
     * other's commit and then sees its claim.
     *
     * @return empty when the body is new here (or its last claim is older than the window, or was this same delivery
     *         id); else the delivery id that brought it first
     */
    Optional<String> claim(String appId, ProviderEvent event, String bodySha256) {
        jdbc.sql("DELETE FROM webhook_body_hashes WHERE app_id = ? AND received_at < now() - make_interval(secs => ?)")
                .params(appId, (double) WINDOW.toSeconds()).update();
        int claimed = jdbc.sql("""
                INSERT INTO webhook_body_hashes (app_id, provider, body_sha256, delivery_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (app_id, provider, body_sha256) DO UPDATE SET received_at = now()
                WHERE webhook_body_hashes.delivery_id = excluded.delivery_id""")
                .params(appId, event.provider(), bodySha256, event.deliveryId()).update();
        return claimed > 0 ? Optional.empty() : firstDelivery(appId, event, bodySha256);
    }

    /** Whether another delivery id brought this body within the window (read only, before the transaction). */
    boolean isReplay(String appId, ProviderEvent event, String bodySha256) {
        return firstDelivery(appId, event, bodySha256).isPresent();
    }

    private Optional<String> firstDelivery(String appId, ProviderEvent event, String bodySha256) {
        return jdbc.sql("""
                SELECT delivery_id FROM webhook_body_hashes
                WHERE app_id = ? AND provider = ? AND body_sha256 = ? AND delivery_id <> ?
                  AND received_at >= now() - make_interval(secs => ?)""")
                .params(appId, event.provider(), bodySha256, event.deliveryId(), (double) WINDOW.toSeconds())
                .query(String.class).optional();
    }
}
