package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.buildspec.LiveUpdates;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amplify's rules for user-set variables: no {@code AWS} prefix, names ≤ 255, values ≤ 5,500 characters; a
 * {@code _LIVE_UPDATES} value must be a valid package list, so a typo shows when saved rather than at the next build.
 */
public final class EnvironmentVariables {

    private static final int MAX_VALUE = 5500;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> AWS_CREDENTIALS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION");

    private EnvironmentVariables() {
    }

    /** What code of a branch sees: the app's variables, each overridden by the branch's own (reference §2). */
    public static Map<String, String> overlaid(Map<String, String> app, Map<String, String> branch) {
        Map<String, String> merged = new java.util.HashMap<>(app);
        merged.putAll(branch);
        return merged;
    }

    public static Map<String, String> validate(Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        variables.forEach((name, value) -> {
            checkName("Environment variable", name);
            checkValueLength("Environment variable", name, value);
            if (LiveUpdates.VARIABLE.equals(name)) {
                checkLiveUpdates(value);
            }
        });
        return Map.copyOf(variables);
    }

    /**
     * Secrets follow the variables' rules, but may carry the AWS SDK's credential variables: the platform never sets
     * them, and a build deploying an Amplify Gen 2 backend ({@code npx ampx pipeline-deploy}) needs them.
     */
    public static void checkSecretName(String name) {
        if (!AWS_CREDENTIALS.contains(name)) {
            checkName("Secret", name);
        }
    }

    /** The name rules, shared by secrets (which become environment variables of the build). */
    public static void checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > 255) {
            throw Refusal.invalid(kind + " name '" + name
                    + "' is invalid: use letters, digits and underscores, at most 255 characters.");
        }
        if (name.toUpperCase(Locale.ROOT).startsWith("AWS")) {
            throw Refusal.invalid(kind + " '" + name
                    + "' starts with the reserved prefix AWS; the platform sets AWS_* variables itself.");
        }
    }

    private static void checkLiveUpdates(String value) {
        try {
            LiveUpdates.parse(value);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
    }

    public static void checkValueLength(String kind, String name, String value) {
        if (value == null || value.length() > MAX_VALUE) {
            throw Refusal.invalid(kind + " '" + name + "' needs a value of at most 5,500 characters.");
        }
    }
}
