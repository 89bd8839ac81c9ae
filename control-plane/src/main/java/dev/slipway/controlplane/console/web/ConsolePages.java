package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.RoleExempt;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in page and the console's front door. */
@Controller
@RequiresRole(Role.VIEWER)
class ConsolePages {

    @RoleExempt("the sign-in page comes before any role")
    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/apps";
    }
}
