package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.CurrentCaller;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import jakarta.servlet.http.HttpServletRequest;
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
    private final CurrentCaller callers;

    TokenPages(TokenService tokens, CurrentCaller callers) {
        this.tokens = tokens;
        this.callers = callers;
    }

    @GetMapping("/tokens")
    String list(HttpServletRequest request, Model model) {
        Me me = callers.of(request).orElseThrow();
        model.addAttribute("tokens", tokens.list(me.username()));
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(me.role()::includes).toList());
        return "tokens";
    }

    @PostMapping("/tokens")
    String create(@RequestParam String name, @RequestParam String role, HttpServletRequest request,
            RedirectAttributes redirect) {
        TokenService.CreatedToken created = tokens.create(callers.of(request).orElseThrow(), name, Role.parse(role));
        redirect.addFlashAttribute("newToken", created.token());
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{tokenId}/revoke")
    String revoke(@PathVariable long tokenId, HttpServletRequest request) {
        tokens.revoke(callers.of(request).orElseThrow().username(), tokenId);
        return "redirect:/tokens";
    }
}
