package dev.slipway.controlplane.compute.web;

import dev.slipway.controlplane.compute.ComputeLogs;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/apps/{appId}/branches/{branchName}/compute-logs?lines=200}: the SSR server's recent output. */
@RestController
@RequiresRole(Role.VIEWER)
class ComputeLogController {

    private final ComputeLogs logs;

    ComputeLogController(ComputeLogs logs) {
        this.logs = logs;
    }

    @GetMapping(value = "/api/v1/apps/{appId}/branches/{branchName}/compute-logs", produces = MediaType.TEXT_PLAIN_VALUE)
    String tail(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam(defaultValue = "200") int lines) throws IOException {
        return logs.tail(appId, branchName, Math.clamp(lines, 1, 10_000));
    }
}
