package dev.slipway.controlplane.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Console sign-ins, successful and failed, in the audit log with the address they came from: who got in is as much
 * "who did what" as any change, and a run of failures is how guessing shows.
 */
@Component
class SignInAudit {

    private final AuditLog log;

    SignInAudit(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        record(event.getAuthentication(), "SIGN-IN", 200);
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        record(event.getAuthentication(), "SIGN-IN FAILED", 401);
    }

    private void record(Authentication authentication, String action, int status) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        log.record(authentication.getName(), "CONSOLE", action, "/login", status, address);
    }
}
