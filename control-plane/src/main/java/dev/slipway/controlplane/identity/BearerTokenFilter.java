package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a bearer token of one {@link TokenKind} inside its own security filter chain. It only ever
 * authenticates: whether a request may pass is the chain's authorization rule (deny unless authenticated), so a
 * request without a token is refused by the chain's entry point, never let through by this filter. Not a bean: a bean
 * filter would also be registered for every request outside the chains.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final TokenKind kind;

    BearerTokenFilter(TokenService tokens, TokenKind kind) {
        this.tokens = tokens;
        this.kind = kind;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = tokens.authenticate(token);
        if (caller.isEmpty()) {
            MachineAuthentication.unauthorized(response);
            return;
        }
        if (caller.get().kind() != kind) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "A " + caller.get().kind().name().toLowerCase()
                    + " token cannot call " + request.getRequestURI());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new MachineAuthentication(caller.get(), token));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** The bearer token of {@code request}'s Authorization header; null when there is none. */
    public static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
