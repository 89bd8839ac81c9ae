package dev.slipway.e2e.security;

import static dev.slipway.e2e.security.ConsoleSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 M3 and L9 against the running control plane: the sign-in lockout counts every spelling of a user name
 * together, per client address, with a larger name-wide limit for sprays; the session cookie is SameSite=Lax, and
 * Secure when a trusted proxy says the console is served over HTTPS. Client addresses are given as a trusted proxy
 * (loopback) gives them, in X-Forwarded-For.
 */
class ConsoleSignInHardeningIntegrationTests {

    private static final String PASSWORD = "a-long-enough-password";

    @Test
    void spellingsOfANameShareOneCounterPerAddressAndASprayLocksTheNameButNotTheOwnersAddress() throws Exception {
        String user = "member" + UUID.randomUUID().toString().substring(0, 8);
        invite(user);
        ConsoleSession console = new ConsoleSession(SecurityStack.get().apiUrl());
        Map<String, String> attacker = from("198.51.100.10");

        for (String variant : List.of(user, " " + user, user.toUpperCase(), user + " ", "\t" + user.toUpperCase())) {
            assertThat(location(console.signIn(variant, "wrong password", attacker)))
                    .as("failure with '%s'", variant).contains("/login?");
        }
        assertThat(location(console.signIn(user, PASSWORD, attacker)))
                .as("five failures with variants of the name lock it for that address, even with the right password")
                .endsWith("/login?locked");
        assertThat(location(console.signIn(" " + user.toUpperCase(), PASSWORD, attacker))).endsWith("/login?locked");

        Map<String, String> owner = from("203.0.113.20");
        assertThat(location(new ConsoleSession(SecurityStack.get().apiUrl()).signIn(user, PASSWORD, owner)))
                .as("another address is not locked out by a stranger's tries").endsWith("/apps");

        // a spray: three more addresses, five tries each, bring the name to the name-wide limit of 20
        for (int address = 1; address <= 3; address++) {
            for (int i = 0; i < 5; i++) {
                console.signIn(user, "spray " + i, from("192.0.2." + address));
            }
        }
        assertThat(location(new ConsoleSession(SecurityStack.get().apiUrl()).signIn(user, PASSWORD,
                from("192.0.2.99")))).as("after a spray the name is locked for new addresses").endsWith("/login?locked");
        assertThat(location(new ConsoleSession(SecurityStack.get().apiUrl()).signIn(user, PASSWORD, owner)))
                .as("but not for the address the owner signed in from").endsWith("/apps");
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndSecureBehindAnHttpsProxy() throws Exception {
        List<String> plain = sessionCookie(new ConsoleSession(SecurityStack.get().apiUrl()).get("/login", Map.of()));
        assertThat(plain).contains("samesite=lax", "httponly").doesNotContain("secure");
        List<String> proxied = sessionCookie(new ConsoleSession(SecurityStack.get().apiUrl())
                .get("/login", Map.of("X-Forwarded-Proto", "https")));
        assertThat(proxied).contains("samesite=lax", "httponly", "secure");
    }

    /** The session cookie's attributes, lower case ({@code httponly}, {@code samesite=lax}, ...). */
    private static List<String> sessionCookie(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
        return Arrays.stream(cookie.split(";")).skip(1).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    /** A member of the team, invited by the owner in the console and joining through the link. */
    private static void invite(String username) throws Exception {
        ConsoleSession owner = ConsoleSession.admin();
        HttpResponse<String> invited = owner.post("/team/invitations", Map.of("email", username + "@example.test",
                "role", "VIEWER", "_csrf", owner.csrf("/team")), Map.of());
        assertThat(location(invited)).endsWith("/team");
        Matcher link = Pattern.compile("id=\"invitation-link\">[^<]*(/invitations/[^<\"]+)<")
                .matcher(owner.get("/team", Map.of()).body());
        assertThat(link.find()).as("the invitation link is shown once").isTrue();
        String path = link.group(1);
        ConsoleSession joining = new ConsoleSession(SecurityStack.get().apiUrl());
        HttpResponse<String> joined = joining.post(path, Map.of("username", username, "password", PASSWORD,
                "_csrf", joining.csrf(path)), Map.of());
        assertThat(location(joined)).endsWith("/login?joined");
    }
}
