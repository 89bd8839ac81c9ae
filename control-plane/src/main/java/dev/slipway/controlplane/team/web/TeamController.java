package dev.slipway.controlplane.team.web;

import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.team.Invitations;
import dev.slipway.controlplane.team.TeamMembers;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Members and invitations over the API: everyone reads the member list; owners change it. */
@RestController
@RequestMapping("/api/v1/team")
@RequiresRole(Role.OWNER)
class TeamController {

    private final TeamMembers members;
    private final Invitations invitations;

    TeamController(TeamMembers members, Invitations invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    record RoleChange(String role) {
    }

    record InvitationRequest(String email, String role) {
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping("/members")
    Map<String, List<UserAccounts.Account>> members() {
        return Map.of("members", members.list());
    }

    @PatchMapping("/members/{username}")
    Map<String, String> changeRole(@PathVariable String username, @RequestBody RoleChange change) {
        members.changeRole(username, Role.parse(change.role()));
        return Map.of("username", username, "role", Role.parse(change.role()).name());
    }

    @DeleteMapping("/members/{username}")
    Map<String, String> remove(@PathVariable String username) {
        members.remove(username);
        return Map.of("username", username);
    }

    @GetMapping("/invitations")
    Map<String, List<Invitations.Invitation>> invitations() {
        return Map.of("invitations", invitations.pending());
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> invite(@RequestBody InvitationRequest request, Me me) {
        Invitations.Created created = invitations.create(me, request.email(), Role.parse(request.role()));
        return Map.of("invitation", created.invitation(), "link", created.link());
    }

    @DeleteMapping("/invitations/{invitationId}")
    Map<String, Long> revoke(@PathVariable long invitationId) {
        invitations.revoke(invitationId);
        return Map.of("invitationId", invitationId);
    }
}
