package dev.slipway.controlplane.identity.web;

import dev.slipway.controlplane.identity.CurrentCaller;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The calling member's API tokens; a new token's value is in the creation answer only. */
@RestController
@RequestMapping("/api/v1/tokens")
@RequiresRole(Role.VIEWER)
class TokenController {

    private final TokenService tokens;
    private final CurrentCaller callers;

    TokenController(TokenService tokens, CurrentCaller callers) {
        this.tokens = tokens;
        this.callers = callers;
    }

    record Request(String name, String role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody Request request, HttpServletRequest http) {
        TokenService.CreatedToken created = tokens.create(callers.of(http).orElseThrow(), request.name(),
                request.role() == null ? null : Role.parse(request.role()));
        return Map.of("token", created.info(), "value", created.token());
    }

    @GetMapping
    Map<String, List<TokenService.TokenInfo>> list(HttpServletRequest http) {
        Me me = callers.of(http).orElseThrow();
        return Map.of("tokens", me.username() == null ? List.of() : tokens.list(me.username()));
    }

    @DeleteMapping("/{tokenId}")
    Map<String, Long> revoke(@PathVariable long tokenId, HttpServletRequest http) {
        tokens.revoke(callers.of(http).orElseThrow().username(), tokenId);
        return Map.of("tokenId", tokenId);
    }
}
