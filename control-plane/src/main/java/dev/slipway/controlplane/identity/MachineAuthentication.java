package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a bearer token. Its one authority names the token's kind ({@link #authorityOf}), which
 * is what each machine chain requires; the token itself stays available to the request (a compute host proves its
 * address with the token it called with).
 */
public final class MachineAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final transient String token;

    MachineAuthentication(Caller caller, String token) {
        super(List.of(new SimpleGrantedAuthority(authorityOf(caller.kind()))));
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    static String authorityOf(TokenKind kind) {
        return "TOKEN_" + kind.name();
    }

    /** The bearer token this request came with. */
    public String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"slipway\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                "Send a valid token as 'Authorization: Bearer <token>'.");
    }
}
