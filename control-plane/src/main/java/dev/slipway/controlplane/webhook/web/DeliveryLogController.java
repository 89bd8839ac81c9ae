package dev.slipway.controlplane.webhook.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.webhook.Delivery;
import dev.slipway.controlplane.webhook.DeliveryLog;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/apps/{appId}/webhook-deliveries}: the provider delivery log, newest first. */
@RestController
@RequiresRole(Role.VIEWER)
class DeliveryLogController {

    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/apps/{appId}/webhook-deliveries")
    Map<String, List<Delivery>> list(@PathVariable String appId,
            @RequestParam(defaultValue = "100") int maxResults) {
        return Map.of("webhookDeliveries", log.list(appId, maxResults));
    }
}
