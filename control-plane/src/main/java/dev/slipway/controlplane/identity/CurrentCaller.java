package dev.slipway.controlplane.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling and with which role. A console user's role is read from the database on each request, so a changed
 * role or a removed member takes effect at once rather than at the next sign-in.
 */
@Component
public class CurrentCaller {

    private final UserAccounts users;

    CurrentCaller(UserAccounts users) {
        this.users = users;
    }

    public Optional<Me> of(HttpServletRequest request) {
        if (request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller) {
            return caller.kind() == TokenKind.USER
                    ? Optional.of(new Me(caller.username(), Role.parse(caller.role()), caller.name()))
                    : Optional.empty();
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return users.roleOf(authentication.getName()).map(role -> new Me(authentication.getName(), role, null));
    }
}
