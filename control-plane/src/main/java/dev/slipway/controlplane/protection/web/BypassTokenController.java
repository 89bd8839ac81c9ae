package dev.slipway.controlplane.protection.web;

import dev.slipway.controlplane.identity.CurrentCaller;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.protection.BypassTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps/{appId}/bypass-tokens}: tokens that open an app's protected sites to automation; admins only. */
@RestController
@RequiresRole(Role.ADMIN)
class BypassTokenController {

    private static final String PATH = "/api/v1/apps/{appId}/bypass-tokens";

    private final BypassTokens tokens;
    private final CurrentCaller callers;

    BypassTokenController(BypassTokens tokens, CurrentCaller callers) {
        this.tokens = tokens;
        this.callers = callers;
    }

    record CreateRequest(String name) {
    }

    @GetMapping(PATH)
    Map<String, List<BypassTokens.Listed>> list(@PathVariable String appId) {
        return Map.of("bypassTokens", tokens.list(appId));
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    BypassTokens.Created create(@PathVariable String appId, @RequestBody(required = false) CreateRequest request,
            HttpServletRequest http) {
        return tokens.create(appId, request == null ? null : request.name(),
                callers.of(http).map(Me::actor).orElse(null));
    }

    @DeleteMapping(PATH + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String appId, @PathVariable String id) {
        tokens.revoke(appId, id);
    }
}
