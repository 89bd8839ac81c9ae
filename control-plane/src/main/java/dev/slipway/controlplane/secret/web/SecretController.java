package dev.slipway.controlplane.secret.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.secret.SecretInfo;
import dev.slipway.controlplane.secret.SecretService;
import dev.slipway.controlplane.support.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** App-level ({@code /apps/{appId}/secrets}) and branch-level ({@code .../branches/{branch}/secrets}) secrets. */
@RestController
@RequiresRole(Role.VIEWER)
class SecretController {

    private static final String APP = "/api/v1/apps/{appId}/secrets";
    private static final String BRANCH = "/api/v1/apps/{appId}/branches/{branchName}/secrets";

    private final SecretService secrets;

    SecretController(SecretService secrets) {
        this.secrets = secrets;
    }

    record Value(String value) {
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping({APP + "/{name}", BRANCH + "/{name}"})
    Map<String, SecretInfo> put(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @PathVariable String name, @RequestBody(required = false) Value body) {
        if (body == null || body.value() == null) {
            throw Refusal.invalid("The body must be {\"value\": \"...\"}.");
        }
        return Map.of("secret", secrets.put(appId, branchName, name, body.value()));
    }

    @GetMapping({APP, BRANCH})
    Map<String, List<SecretInfo>> list(@PathVariable String appId, @PathVariable(required = false) String branchName) {
        return Map.of("secrets", secrets.list(appId, branchName));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping({APP + "/{name}", BRANCH + "/{name}"})
    Map<String, String> delete(@PathVariable String appId, @PathVariable(required = false) String branchName,
            @PathVariable String name) {
        secrets.delete(appId, branchName, name);
        return Map.of("name", name);
    }
}
