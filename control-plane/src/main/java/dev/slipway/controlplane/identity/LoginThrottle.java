package dev.slipway.controlplane.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins for one user name, further attempts for it
 * are refused for {@link #LOCK} without checking the password. Counted per user name (not per address) so an attacker
 * rotating addresses gains nothing; the owner can still sign in after the lock ends.
 */
@Component
class LoginThrottle implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(5);

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    Filter filter() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("POST".equals(http.getMethod()) && "/login".equals(http.getServletPath())
                    && isLocked(http.getParameter("username"))) {
                ((HttpServletResponse) response).sendRedirect(http.getContextPath() + "/login?locked");
                return;
            }
            chain.doFilter(request, response);
        };
    }

    boolean isLocked(String username) {
        Failures f = username == null ? null : failures.get(username);
        return f != null && f.count() >= MAX_FAILURES && f.last().plus(LOCK).isAfter(clock.instant());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = request.getParameter("username");
        if (username != null) {
            failures.merge(username, new Failures(1, clock.instant()), (old, one) ->
                    old.last().plus(LOCK).isBefore(one.last()) ? one : new Failures(old.count() + 1, one.last()));
        }
        response.sendRedirect(request.getContextPath() + (isLocked(username) ? "/login?locked" : "/login?error"));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        failures.remove(authentication.getName());
        response.sendRedirect(request.getContextPath() + "/apps");
    }
}
