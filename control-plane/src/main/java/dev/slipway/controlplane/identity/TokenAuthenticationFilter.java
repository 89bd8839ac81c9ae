package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token check for {@code /api}, {@code /runner} and {@code /edge}: each path needs a token of its own kind, so
 * a runner token never opens the user API and a user token never leases jobs. Webhook paths authenticate by
 * signature in their controllers instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final TokenService tokens;

    TokenAuthenticationFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TokenKind required = TokenKind.requiredFor(request.getRequestURI());
        if (required == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = tokens.authenticate(bearer(request));
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"slipway\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                    "Send a valid token as 'Authorization: Bearer <token>'.");
            return;
        }
        if (caller.get().kind() != required) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                    "A " + caller.get().kind().name().toLowerCase() + " token cannot call " + request.getRequestURI());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
