package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.controlplane.support.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An app's notification rules (replaced as a whole) and its delivery log. */
@Service
public class NotificationService {

    private static final int MAX_RESULTS = 500;

    private final AppService apps;
    private final NotificationRepository repository;
    private final RuleChecks checks;

    NotificationService(AppService apps, NotificationRepository repository, ControlPlaneProperties properties,
            SecretCipher cipher) {
        this.apps = apps;
        this.repository = repository;
        this.checks = new RuleChecks(properties.notifications(), cipher);
    }

    /**
     * A rule of a PUT. {@code secret} sets the signing secret; without it, {@code secretSet: true} keeps the secret
     * of the stored rule with the same webhook URL (so a GET's answer can be sent back unchanged).
     */
    public record RuleInput(String branch, List<String> events, String email, String webhookUrl, String format,
            String secret, Boolean secretSet) {
    }

    public List<NotificationRule> rules(String appId) {
        apps.get(appId);
        return repository.rules(appId).stream().map(NotificationRule.Stored::view).toList();
    }

    @Transactional
    public List<NotificationRule> replace(String appId, List<RuleInput> rules) {
        apps.get(appId);
        List<NotificationRule.Stored> stored = checks.check(rules, repository.rules(appId));
        repository.saveRules(appId, stored);
        return stored.stream().map(NotificationRule.Stored::view).toList();
    }

    /** Adds one rule after the others, keeping their secrets (the console's form). */
    @Transactional
    public void add(String appId, RuleInput rule) {
        apps.get(appId);
        List<NotificationRule.Stored> current = repository.rules(appId);
        if (current.size() >= RuleChecks.MAX_RULES) {
            throw Refusal.invalid("An app may have at most " + RuleChecks.MAX_RULES + " notification rules.");
        }
        List<NotificationRule.Stored> changed = new ArrayList<>(current);
        changed.addAll(checks.check(List.of(rule), current));
        repository.saveRules(appId, changed);
    }

    /** Removes the rule at {@code index} (0-based, in the order GET shows). */
    @Transactional
    public void remove(String appId, int index) {
        apps.get(appId);
        List<NotificationRule.Stored> changed = new ArrayList<>(repository.rules(appId));
        if (index < 0 || index >= changed.size()) {
            throw Refusal.notFound("App '" + appId + "' has no notification rule " + (index + 1) + ".");
        }
        changed.remove(index);
        repository.saveRules(appId, changed);
    }

    public List<NotificationDelivery> deliveries(String appId, int maxResults) {
        apps.get(appId);
        return repository.list(appId, Math.clamp(maxResults, 1, MAX_RESULTS));
    }
}
