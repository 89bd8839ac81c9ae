package dev.slipway.controlplane.audit.web;

import dev.slipway.controlplane.audit.AuditLog;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit-events?actor=&target=&maxResults=}: changes, newest first. */
@RestController
@RequiresRole(Role.ADMIN)
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit-events")
    Map<String, List<AuditLog.Event>> list(@RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String target, @RequestParam(defaultValue = "100") int maxResults) {
        return Map.of("auditEvents", audit.list(new AuditLog.Filter(actor, target, maxResults)));
    }
}
