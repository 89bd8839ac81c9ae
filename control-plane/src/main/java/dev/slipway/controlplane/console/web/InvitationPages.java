package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.team.Invitations;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The invitation link: whoever holds it chooses a user name and password, once. */
@Controller
@RoleExempt("the invitation link's one-time token is the credential; its holder is not a member yet")
class InvitationPages {

    private final Invitations invitations;

    InvitationPages(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/{token}")
    String show(@PathVariable String token, Model model) {
        model.addAttribute("invitation", invitations.find(token)
                .orElseThrow(() -> Refusal.notFound("This invitation link was used, revoked or has expired.")));
        model.addAttribute("token", token);
        return "invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam String username, @RequestParam String password,
            HttpServletRequest request) {
        invitations.accept(token, username, password, request.getRemoteAddr());
        return "redirect:/login?joined";
    }
}
