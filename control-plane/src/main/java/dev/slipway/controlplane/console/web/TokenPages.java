package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in member's API tokens: create (the token is shown once), list, revoke. */
@Controller
@RequiresRole(Role.VIEWER)
class TokenPages {

    private final TokenService tokens;

    TokenPages(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(Me me, Model model) {
        model.addAttribute("tokens", tokens.list(me.username()));
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(me.role()::includes).toList());
        return "tokens";
    }

    @PostMapping("/tokens")
    String create(@RequestParam String name, @RequestParam String role, Me me, RedirectAttributes redirect) {
        TokenService.CreatedToken created = tokens.create(me, name, Role.parse(role));
        redirect.addFlashAttribute("newToken", created.token());
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{tokenId}/revoke")
    String revoke(@PathVariable long tokenId, Me me) {
        tokens.revoke(me.username(), tokenId);
        return "redirect:/tokens";
    }
}
