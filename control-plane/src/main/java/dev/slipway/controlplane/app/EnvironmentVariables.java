package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Amplify's rules for user-set variables: no {@code AWS} prefix, names ≤ 255, values ≤ 5,500 characters. */
public final class EnvironmentVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentVariables() {
    }

    public static Map<String, String> validate(Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        variables.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches() || name.length() > 255) {
                throw ApiException.badRequest("Environment variable name '" + name
                        + "' is invalid: use letters, digits and underscores, at most 255 characters.");
            }
            if (name.toUpperCase(Locale.ROOT).startsWith("AWS")) {
                throw ApiException.badRequest("Environment variable '" + name
                        + "' starts with the reserved prefix AWS; the platform sets AWS_* variables itself.");
            }
            if (value == null || value.length() > 5500) {
                throw ApiException.badRequest("Environment variable '" + name + "' needs a value of at most 5,500 characters.");
            }
        });
        return Map.copyOf(variables);
    }
}
