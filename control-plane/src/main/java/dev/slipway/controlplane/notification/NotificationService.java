package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.SecretCipher;
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

    public List<NotificationDelivery> deliveries(String appId, int maxResults) {
        apps.get(appId);
        return repository.list(appId, Math.clamp(maxResults, 1, MAX_RESULTS));
    }
}
