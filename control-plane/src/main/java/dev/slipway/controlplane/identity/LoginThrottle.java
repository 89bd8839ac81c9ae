package dev.slipway.controlplane.identity;

import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting a stranger lock the owner out. Failures count per user name (normalised,
 * {@link LoginKeys}) and client address, in the database ({@link LoginFailures}) so every control plane sees them:
 * <ul>
 * <li>{@value #MAX_FAILURES} failures of one name from one address lock that name for that address for {@link #LOCK}
 *     after the last one; from another address the owner can still sign in;</li>
 * <li>{@value #MAX_NAME_FAILURES} failures of one name from all addresses together (a spray from many addresses)
 *     lock the name for every address except those it signed in from in the last 30 days.</li>
 * </ul>
 * A locked attempt is refused before the password is checked and does not count, so a lock ends {@link #LOCK} after
 * the failure that set it.
 */
@Component
class LoginThrottle implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

    static final int MAX_FAILURES = 5;
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    /** Takes at least four addresses to reach: one address alone cannot lock a name for everyone. */
    static final int MAX_NAME_FAILURES = 20;
    static final Duration LOCK = Duration.ofMinutes(5);

    private final LoginFailures failures;

    LoginThrottle(LoginFailures failures) {
        this.failures = failures;
    }

    Filter filter() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("POST".equals(http.getMethod()) && "/login".equals(http.getServletPath()) && isLocked(http)) {
                ((HttpServletResponse) response).sendRedirect(http.getContextPath() + "/login?locked");
                return;
            }
            chain.doFilter(request, response);
        };
    }

    private boolean isLocked(HttpServletRequest request) {
        LoginFailures.Counts counts = failures.counts(LoginKeys.name(request.getParameter("username")),
                LoginKeys.address(request.getRemoteAddr()));
        return counts.fromHere() >= MAX_FAILURES || counts.everywhere() >= MAX_NAME_FAILURES && !counts.known();
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        failures.recordFailure(LoginKeys.name(request.getParameter("username")),
                LoginKeys.address(request.getRemoteAddr()));
        response.sendRedirect(request.getContextPath() + (isLocked(request) ? "/login?locked" : "/login?error"));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        failures.recordSuccess(LoginKeys.name(authentication.getName()), LoginKeys.address(request.getRemoteAddr()));
        // a visitor of a protected site signs in on the way back to it (ProtectionPages); everyone else lands on /apps
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved != null && saved.getRedirectUrl() != null
                && java.net.URI.create(saved.getRedirectUrl()).getPath().equals("/protection/authorize")) {
            response.sendRedirect(saved.getRedirectUrl());
            return;
        }
        response.sendRedirect(request.getContextPath() + "/apps");
    }
}
