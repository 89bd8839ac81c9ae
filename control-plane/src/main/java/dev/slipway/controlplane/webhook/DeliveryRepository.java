package dev.slipway.controlplane.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a delivery; false when this delivery id was seen before for the app (a redelivery). */
    boolean insertIfNew(String appId, ProviderEvent event, String result, String reason, String branchName) {
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (app_id, provider, delivery_id, event, result, reason, branch_name)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, provider, delivery_id) DO NOTHING""")
                .params(appId, event.provider(), event.deliveryId(), event.event(), result, reason, branchName)
                .update() > 0;
    }

    void attachJob(String appId, ProviderEvent event, long jobId) {
        jdbc.sql("UPDATE webhook_deliveries SET job_id = ? WHERE app_id = ? AND provider = ? AND delivery_id = ?")
                .params(jobId, appId, event.provider(), event.deliveryId()).update();
    }
}
