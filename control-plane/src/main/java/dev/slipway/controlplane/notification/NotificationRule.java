package dev.slipway.controlplane.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule as the API shows it: which branches and job results it is for, and one target, an email address or a
 * webhook URL. The signing secret is never shown, only whether one is set.
 *
 * @param branch     a branch name, or a pattern where {@code *} matches any characters ({@code *} = every branch)
 * @param events     job results that notify: SUCCEED and/or FAILED
 * @param format     webhooks only: {@code generic} (Slipway's JSON) or {@code slack} (a Slack-compatible message)
 * @param secretSet  webhooks only: deliveries are signed ({@code X-Slipway-Signature-256})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationRule(String branch, List<String> events, String email, String webhookUrl, String format,
        Boolean secretSet) {

    static final String GENERIC = "generic";
    static final String SLACK = "slack";

    /** As stored: the view's fields and the secret as SecretCipher ciphertext (null for none). */
    record Stored(String branch, List<String> events, String email, String webhookUrl, String format,
            String secretEnc) {

        NotificationRule view() {
            return new NotificationRule(branch, events, email, webhookUrl, format,
                    webhookUrl == null ? null : secretEnc != null);
        }

        boolean matches(String branchName, String status) {
            return events.contains(status) && branchPattern(branch).matcher(branchName).matches();
        }
    }

    static Pattern branchPattern(String branch) {
        StringBuilder regex = new StringBuilder();
        for (String part : branch.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
