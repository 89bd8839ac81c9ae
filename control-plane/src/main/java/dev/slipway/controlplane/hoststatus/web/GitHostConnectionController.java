package dev.slipway.controlplane.hoststatus.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.hoststatus.GitHostConnection;
import dev.slipway.controlplane.hoststatus.GitHostConnectionService;
import dev.slipway.controlplane.hoststatus.OutboxEntry;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.support.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app's git host connection (write-only token, shown masked) and the log of calls made to the host. Only the
 * token's last four characters are ever shown.
 */
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/v1/apps/{appId}/git-host")
class GitHostConnectionController {

    private final GitHostConnectionService connections;

    GitHostConnectionController(GitHostConnectionService connections) {
        this.connections = connections;
    }

    record ConnectionView(String provider, String apiUrl, String repository, String token, Instant createTime,
            Instant updateTime) {

        static ConnectionView of(GitHostConnection connection) {
            return new ConnectionView(connection.host().id(), connection.apiUrl(), connection.repository(),
                    "****" + connection.tokenHint(), connection.createTime(), connection.updateTime());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallView(String id, String kind, String state, int attempts, String lastError, Instant createTime,
            Instant nextAttemptTime, Instant sentTime) {

        static CallView of(OutboxEntry entry) {
            return new CallView(Long.toString(entry.id()), entry.kind(), entry.state(), entry.attempts(),
                    entry.lastError(), entry.createTime(), entry.state().equals("PENDING")
                    ? entry.nextAttemptTime() : null, entry.sentTime());
        }
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping
    Map<String, ConnectionView> put(@PathVariable String appId,
            @RequestBody(required = false) GitHostConnectionService.Changes changes) {
        if (changes == null) {
            throw Refusal.invalid("The body must be {\"provider\": \"github|gitlab|gitea|bitbucket\", "
                    + "\"token\": \"...\"} with optional \"apiUrl\" and \"repository\".");
        }
        return Map.of("gitHost", ConnectionView.of(connections.put(appId, changes)));
    }

    @GetMapping
    Map<String, ConnectionView> get(@PathVariable String appId) {
        return Map.of("gitHost", ConnectionView.of(connections.get(appId)));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping
    Map<String, ConnectionView> delete(@PathVariable String appId) {
        return Map.of("gitHost", ConnectionView.of(connections.delete(appId)));
    }

    @GetMapping("/calls")
    Map<String, List<CallView>> calls(@PathVariable String appId,
            @RequestParam(defaultValue = "100") int maxResults) {
        return Map.of("calls", connections.calls(appId, maxResults).stream().map(CallView::of).toList());
    }
}
