package dev.slipway.controlplane.metrics;

import dev.slipway.controlplane.identity.BearerTokenFilter;
import dev.slipway.controlplane.identity.Caller;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenKind;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.support.AllowedAddresses;
import dev.slipway.controlplane.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a metrics scrape through from an allowed address or with an admin API token, and refuses anyone else with
 * problem+json: metrics name apps and branches, and their volume tells how busy the installation is. Not a bean, so it
 * runs only inside the metrics chain ({@link MetricsSecurity}).
 */
final class MetricsAccessFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "METRICS_READER";

    private final AllowedAddresses allowed;
    private final TokenService tokens;

    MetricsAccessFilter(AllowedAddresses allowed, TokenService tokens) {
        this.allowed = allowed;
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed.contains(request.getRemoteAddr())) {
            admit("address " + request.getRemoteAddr());
            chain.doFilter(request, response);
            return;
        }
        String token = BearerTokenFilter.bearer(request);
        Optional<Caller> caller = token == null ? Optional.empty() : tokens.authenticate(token);
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"slipway\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Metrics need an admin API token "
                    + "('Authorization: Bearer <token>') or a client address in SLIPWAY_METRICS_ALLOWED_CIDRS.");
            return;
        }
        if (caller.get().kind() != TokenKind.USER || !Role.parse(caller.get().role()).includes(Role.ADMIN)) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "Metrics need an admin API token.");
            return;
        }
        admit("token " + caller.get().name());
        chain.doFilter(request, response);
    }

    private static void admit(String who) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY))));
        SecurityContextHolder.setContext(context);
    }
}
