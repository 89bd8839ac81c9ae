package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import java.util.Set;

/**
 * Who may see an app's or a branch's sites ({@code accessControl} on the app and branch API; issue 23).
 *
 * @param mode  {@code NONE}, {@code BASIC_AUTH} (the app's or branch's basic-auth credentials, as
 *              {@code enableBasicAuth}), {@code TEAM} (visitors sign in to the console and must be team members), or
 *              on a branch {@code INHERIT}: the app's setting
 * @param scope {@code ALL_DEPLOYMENTS}, or {@code PREVIEWS_AND_IMMUTABLE}: the production branches' URLs and their
 *              custom domains stay public; default {@code ALL_DEPLOYMENTS}
 */
public record AccessSetting(String mode, String scope) {

    public static final String NONE = "NONE";
    public static final String BASIC_AUTH = "BASIC_AUTH";
    public static final String TEAM = "TEAM";
    public static final String INHERIT = "INHERIT";
    public static final String ALL = "ALL_DEPLOYMENTS";
    public static final String PREVIEWS = "PREVIEWS_AND_IMMUTABLE";
    private static final Set<String> SCOPES = Set.of(ALL, PREVIEWS);

    /** The setting as sent, checked, upper-cased and with the default scope; refused (400) when malformed. */
    public AccessSetting validated(boolean branch) {
        Set<String> modes = branch ? Set.of(NONE, BASIC_AUTH, TEAM, INHERIT) : Set.of(NONE, BASIC_AUTH, TEAM);
        String m = mode == null ? null : mode.trim().toUpperCase(java.util.Locale.ROOT);
        if (m == null || !modes.contains(m)) {
            throw Refusal.invalid("'accessControl.mode' must be one of " + String.join(", ", modes.stream().sorted()
                    .toList()) + " (got '" + mode + "').");
        }
        String s = scope == null ? ALL : scope.trim().toUpperCase(java.util.Locale.ROOT);
        if (!SCOPES.contains(s)) {
            throw Refusal.invalid("'accessControl.scope' must be ALL_DEPLOYMENTS or PREVIEWS_AND_IMMUTABLE (got '"
                    + scope + "').");
        }
        return new AccessSetting(m, s);
    }

    /** What {@code enableBasicAuth} becomes under a new setting (null: the setting does not touch it). */
    public static Boolean basicAuthFor(AccessSetting setting, boolean branch) {
        if (setting == null) {
            return null;
        }
        return BASIC_AUTH.equals(setting.validated(branch).mode());
    }

    /** The stored columns as the API shows them. */
    public static AccessSetting of(String accessMode, boolean basicAuth, String scope, boolean branch) {
        if (accessMode != null) {
            return new AccessSetting(accessMode, scope);
        }
        return new AccessSetting(basicAuth ? BASIC_AUTH : branch ? INHERIT : NONE, scope);
    }
}
