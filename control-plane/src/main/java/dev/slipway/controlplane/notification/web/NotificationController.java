package dev.slipway.controlplane.notification.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.notification.NotificationDelivery;
import dev.slipway.controlplane.notification.NotificationRule;
import dev.slipway.controlplane.notification.NotificationService;
import dev.slipway.controlplane.notification.NotificationService.RuleInput;
import dev.slipway.controlplane.support.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apps/{appId}/notifications}: build notification rules (read by any member, replaced by admins, like
 * the git host connection, since a rule sends build results out of Slipway) and their delivery log.
 */
@RestController
@RequiresRole(Role.VIEWER)
class NotificationController {

    private static final String PATH = "/api/v1/apps/{appId}/notifications";

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    record Rules(List<RuleInput> rules) {
    }

    @GetMapping(PATH)
    Map<String, List<NotificationRule>> get(@PathVariable String appId) {
        return Map.of("rules", notifications.rules(appId));
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(PATH)
    Map<String, List<NotificationRule>> put(@PathVariable String appId, @RequestBody(required = false) Rules body) {
        if (body == null) {
            throw Refusal.invalid("The body must be {\"rules\": [...]}.");
        }
        return Map.of("rules", notifications.replace(appId, body.rules()));
    }

    @GetMapping(PATH + "/deliveries")
    Map<String, List<NotificationDelivery>> deliveries(@PathVariable String appId,
            @RequestParam(defaultValue = "100") int maxResults) {
        return Map.of("deliveries", notifications.deliveries(appId, maxResults));
    }
}
