package dev.slipway.controlplane.webhook;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

    /**
     * Rejected and duplicate deliveries kept per app: enough to debug a secret mismatch or a retrying host, too few
     * for a flood to fill the table.
     */
    static final int UNPROCESSED_KEPT = 1_000;

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a delivery; false when this delivery id was seen before for the app (a redelivery). */
    boolean insertIfNew(String appId, ProviderEvent event, String result, String reason, String branchName) {
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (app_id, provider, delivery_id, event, result, reason, branch_name)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (app_id, provider, delivery_id) WHERE result NOT IN ('REJECTED', 'DUPLICATE') DO NOTHING""")
                .params(appId, event.provider(), event.deliveryId(), event.event(), result, reason, branchName)
                .update() > 0;
    }

    /** Whether this delivery id was already processed for the app (a redelivery). */
    boolean isProcessed(String appId, ProviderEvent event) {
        return jdbc.sql("""
                SELECT count(*) FROM webhook_deliveries WHERE app_id = ? AND provider = ? AND delivery_id = ?
                  AND result NOT IN ('REJECTED', 'DUPLICATE')""")
                .params(appId, event.provider(), event.deliveryId()).query(Integer.class).single() > 0;
    }

    void attachJob(String appId, ProviderEvent event, long jobId) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET job_id = ?
                WHERE app_id = ? AND provider = ? AND delivery_id = ?
                  AND result NOT IN ('REJECTED', 'DUPLICATE')""")
                .params(jobId, appId, event.provider(), event.deliveryId()).update();
    }

    /**
     * Logs a delivery that was not processed (REJECTED: failed verification; DUPLICATE: a redelivery) and drops the
     * app's oldest such entries beyond the cap.
     */
    void insertUnprocessed(String appId, String provider, String deliveryId, String event, String result,
            String reason) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (app_id, provider, delivery_id, event, result, reason)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(appId, provider, deliveryId, event, result, reason).update();
        jdbc.sql("""
                DELETE FROM webhook_deliveries
                WHERE app_id = ? AND result IN ('REJECTED', 'DUPLICATE') AND id <= (
                    SELECT id FROM webhook_deliveries WHERE app_id = ? AND result IN ('REJECTED', 'DUPLICATE')
                    ORDER BY id DESC OFFSET ? LIMIT 1)""")
                .params(appId, appId, UNPROCESSED_KEPT).update();
    }

    /** Newest first; the job id is the per-branch job number users see, null once that branch is gone. */
    List<Delivery> list(String appId, int limit) {
        return jdbc.sql("""
                SELECT d.provider, d.event, d.delivery_id, d.result, d.reason, d.branch_name, j.job_number,
                       d.received_at
                FROM webhook_deliveries d LEFT JOIN jobs j ON j.id = d.job_id
                WHERE d.app_id = ? ORDER BY d.id DESC LIMIT ?""")
                .params(appId, limit)
                .query((rs, n) -> {
                    long jobNumber = rs.getLong("job_number");
                    return new Delivery(rs.getString("provider"), rs.getString("event"), rs.getString("delivery_id"),
                            rs.getString("result"), rs.getString("reason"), rs.getString("branch_name"),
                            rs.wasNull() ? null : Long.toString(jobNumber), rs.getTimestamp("received_at").toInstant());
                })
                .list();
    }
}
