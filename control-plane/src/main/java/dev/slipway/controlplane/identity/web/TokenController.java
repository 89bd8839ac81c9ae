package dev.slipway.controlplane.identity.web;

import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
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

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    record Request(String name, String role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody Request request, Me me) {
        TokenService.CreatedToken created = tokens.create(me, request.name(),
                request.role() == null ? null : Role.parse(request.role()));
        return Map.of("token", created.info(), "value", created.token());
    }

    @GetMapping
    Map<String, List<TokenService.TokenInfo>> list(Me me) {
        return Map.of("tokens", me.username() == null ? List.of() : tokens.list(me.username()));
    }

    @DeleteMapping("/{tokenId}")
    Map<String, Long> revoke(@PathVariable long tokenId, Me me) {
        tokens.revoke(me.username(), tokenId);
        return Map.of("tokenId", tokenId);
    }
}
