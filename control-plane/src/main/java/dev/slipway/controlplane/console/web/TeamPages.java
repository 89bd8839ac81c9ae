package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.team.Invitations;
import dev.slipway.controlplane.team.TeamMembers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The team: everyone sees who is in it; owners invite, change roles and remove members. */
@Controller
@RequiresRole(Role.OWNER)
class TeamPages {

    private final TeamMembers members;
    private final Invitations invitations;

    TeamPages(TeamMembers members, Invitations invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping("/team")
    String show(Model model) {
        model.addAttribute("members", members.list());
        model.addAttribute("invitations", invitations.pending());
        model.addAttribute("roles", Role.values());
        return "team";
    }

    @PostMapping("/team/invitations")
    String invite(@RequestParam String email, @RequestParam String role, Me me, RedirectAttributes redirect) {
        Invitations.Created created = invitations.create(me, email, Role.parse(role));
        redirect.addFlashAttribute("invitationLink", created.link());
        return "redirect:/team";
    }

    @PostMapping("/team/invitations/{invitationId}/revoke")
    String revoke(@PathVariable long invitationId) {
        invitations.revoke(invitationId);
        return "redirect:/team";
    }

    @PostMapping("/team/members/{username}/role")
    String changeRole(@PathVariable String username, @RequestParam String role) {
        members.changeRole(username, Role.parse(role));
        return "redirect:/team";
    }

    @PostMapping("/team/members/{username}/remove")
    String remove(@PathVariable String username) {
        members.remove(username);
        return "redirect:/team";
    }
}
