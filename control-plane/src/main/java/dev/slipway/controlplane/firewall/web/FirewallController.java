package dev.slipway.controlplane.firewall.web;

import dev.slipway.controlplane.firewall.AppFirewalls;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.protocol.firewall.FirewallRules;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps/{appId}/firewall}: the app's edge firewall, read by the team, replaced by admins. */
@RestController
@RequiresRole(Role.VIEWER)
class FirewallController {

    private static final String PATH = "/api/v1/apps/{appId}/firewall";

    private final AppFirewalls firewalls;

    FirewallController(AppFirewalls firewalls) {
        this.firewalls = firewalls;
    }

    @GetMapping(PATH)
    FirewallRules get(@PathVariable String appId) {
        return firewalls.get(appId);
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(PATH)
    FirewallRules put(@PathVariable String appId, @RequestBody(required = false) FirewallRules rules) {
        return firewalls.put(appId, rules);
    }
}
