package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.audit.AuditLog;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, filterable by who and by what was changed. Admins and owners only: it shows addresses. */
@Controller
@RequiresRole(Role.ADMIN)
class AuditPages {

    private final AuditLog audit;

    AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String list(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String target,
            Model model) {
        model.addAttribute("events", audit.list(new AuditLog.Filter(actor, target, 200)));
        model.addAttribute("actor", actor);
        model.addAttribute("target", target);
        return "audit";
    }
}
