package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.app.AppService;
import java.util.List;
import org.springframework.stereotype.Service;

/** An app's webhook delivery log, newest first: what each git host delivery caused, or why it caused nothing. */
@Service
public class DeliveryLog {

    private final AppService apps;
    private final DeliveryRepository deliveries;

    DeliveryLog(AppService apps, DeliveryRepository deliveries) {
        this.apps = apps;
        this.deliveries = deliveries;
    }

    public List<Delivery> list(String appId, int maxResults) {
        apps.get(appId);
        return deliveries.list(appId, Math.clamp(maxResults, 1, 1000));
    }
}
