package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.notification.NotificationService.RuleInput;
import dev.slipway.controlplane.support.NotificationSettings;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.SecretCipher;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the rules of a PUT into what is stored, refusing anything that could never be delivered: a rule without a
 * target or with two, an unknown event, an address or URL that is not one, a URL the control plane may not call.
 */
final class RuleChecks {

    static final int MAX_RULES = 50;
    static final Set<String> EVENTS = Set.of("SUCCEED", "FAILED");
    private static final int MAX_TEXT = 2000;
    private static final int MIN_SECRET = 8;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@,;<>\"]+@[^\\s@,;<>\"]+\\.[^\\s@,;<>\"]+");
    private static final Pattern BRANCH = Pattern.compile("[^\\s~^:?\\[\\\\]{1,255}");

    private final NotificationSettings settings;
    private final SecretCipher cipher;

    RuleChecks(NotificationSettings settings, SecretCipher cipher) {
        this.settings = settings;
        this.cipher = cipher;
    }

    List<NotificationRule.Stored> check(List<RuleInput> rules, List<NotificationRule.Stored> current) {
        if (rules == null) {
            throw Refusal.invalid("The body must be {\"rules\": [...]}.");
        }
        if (rules.size() > MAX_RULES) {
            throw Refusal.invalid("An app may have at most " + MAX_RULES + " notification rules.");
        }
        List<NotificationRule.Stored> checked = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                checked.add(check(rules.get(i), current));
            } catch (Refusal refusal) {
                throw Refusal.invalid("rules[" + i + "]: " + refusal.getMessage());
            }
        }
        return checked;
    }

    private NotificationRule.Stored check(RuleInput rule, List<NotificationRule.Stored> current) {
        if (rule == null) {
            throw Refusal.invalid("a rule must be an object.");
        }
        String branch = rule.branch() == null ? "*" : rule.branch().trim();
        if (!BRANCH.matcher(branch).matches()) {
            throw Refusal.invalid("'branch' must be a branch name or a pattern such as '*' or 'release/*'.");
        }
        List<String> events = events(rule.events());
        boolean email = rule.email() != null && !rule.email().isBlank();
        boolean webhook = rule.webhookUrl() != null && !rule.webhookUrl().isBlank();
        if (email == webhook) {
            throw Refusal.invalid("set exactly one target: 'email' or 'webhookUrl'.");
        }
        if (email) {
            return new NotificationRule.Stored(branch, events, email(rule.email().trim()), null, null, null);
        }
        String url = webhookUrl(rule.webhookUrl().trim());
        String format = rule.format() == null ? NotificationRule.GENERIC : rule.format();
        if (!format.equals(NotificationRule.GENERIC) && !format.equals(NotificationRule.SLACK)) {
            throw Refusal.invalid("'format' must be 'generic' or 'slack'.");
        }
        return new NotificationRule.Stored(branch, events, null, url, format, secret(rule, url, current));
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw Refusal.invalid("'events' must list SUCCEED and/or FAILED.");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !EVENTS.contains(event)) {
                throw Refusal.invalid("unknown event '" + event + "': 'events' may hold SUCCEED and FAILED.");
            }
            unique.add(event);
        }
        return List.copyOf(unique);
    }

    private String email(String address) {
        if (!settings.emailConfigured()) {
            throw Refusal.invalid("email rules need an SMTP server: set SLIPWAY_SMTP_HOST (see the README).");
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw Refusal.invalid("'email' must be one address such as team@example.com.");
        }
        return address;
    }

    private String webhookUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || url.length() > MAX_TEXT || uri.getHost() == null || uri.getRawUserInfo() != null
                || (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()))) {
            throw Refusal.invalid("'webhookUrl' must be an http(s) URL without credentials, such as "
                    + "https://hooks.example.com/slipway.");
        }
        String refusal = settings.destinations().hostRefusal(uri.getHost());
        if (refusal != null) {
            throw Refusal.invalid("'webhookUrl' may not point at " + refusal + "; a receiver on a private network "
                    + "needs its address block in SLIPWAY_NOTIFICATIONS_ALLOW.");
        }
        return url;
    }

    private String secret(RuleInput rule, String url, List<NotificationRule.Stored> current) {
        if (rule.secret() != null && !rule.secret().isEmpty()) {
            if (rule.secret().length() < MIN_SECRET || rule.secret().length() > MAX_TEXT) {
                throw Refusal.invalid("'secret' must have " + MIN_SECRET + " to " + MAX_TEXT + " characters.");
            }
            return cipher.encrypt(rule.secret());
        }
        if (Boolean.TRUE.equals(rule.secretSet())) {
            return current.stream().filter(stored -> url.equals(stored.webhookUrl()) && stored.secretEnc() != null)
                    .map(NotificationRule.Stored::secretEnc).findFirst()
                    .orElseThrow(() -> Refusal.invalid("'secretSet' keeps the secret of a rule with the same "
                            + "'webhookUrl', and there is none: send 'secret'."));
        }
        return null;
    }
}
