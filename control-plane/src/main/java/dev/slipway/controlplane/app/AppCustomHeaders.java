package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.CustomHttpException;
import dev.slipway.protocol.headers.CustomHttpFile;
import dev.slipway.protocol.headers.CustomHttpParser;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's custom headers (Amplify's {@code App.customHeaders}): customHttp.yml text stored as entered and parsed with
 * the same parser as the repository's file (amplify-hosting-reference.md §4). Stricter than the file on save: what
 * the parser would only warn about (an unknown key, a hop-by-hop header name, an entry without a pattern) is refused,
 * since a setting someone typed into the console should never be silently ignored.
 */
public final class AppCustomHeaders {

    /** Amplify's limit on {@code App.customHeaders}. */
    static final int MAX_CHARS = 25_000;
    private static final String FIELD = "customHeaders";
    private static final Logger log = LoggerFactory.getLogger(AppCustomHeaders.class);

    private AppCustomHeaders() {
    }

    /**
     * @param yaml        the text to store; blank clears
     * @param environment the app's variables after the change, for the monorepo form's app root
     * @return the text to store, or null for none
     */
    static String validate(String yaml, Map<String, String> environment) {
        if (yaml.isBlank()) {
            return null;
        }
        if (yaml.length() > MAX_CHARS) {
            throw Refusal.invalid("'customHeaders' is longer than 25,000 characters.");
        }
        CustomHttpFile file;
        try {
            file = CustomHttpParser.parse(yaml, FIELD);
        } catch (CustomHttpException e) {
            throw Refusal.invalid(e.getMessage());
        }
        if (!file.warnings().isEmpty()) {
            throw Refusal.invalid(FIELD + " " + file.warnings().getFirst() + " (fix or remove it)");
        }
        String appRoot = environment.get(BuildSpec.MONOREPO_APP_ROOT_VARIABLE);
        if (!file.applications().isEmpty() && file.forAppRoot(appRoot).isEmpty()) {
            throw Refusal.invalid(FIELD + ": no entry of 'applications' is for this app; set "
                    + BuildSpec.MONOREPO_APP_ROOT_VARIABLE + " to one of " + file.applications().keySet()
                    + " or use the single-app form");
        }
        return yaml;
    }

    /**
     * The headers edges apply for this app. Never throws: text that was valid when saved and no longer parses (a
     * stricter parser, a changed app root) serves no app headers rather than breaking the route snapshot.
     *
     * @param yaml    stored text, or null
     * @param appRoot the app's {@value BuildSpec#MONOREPO_APP_ROOT_VARIABLE}, or null
     */
    public static CustomHeaders resolve(String appId, String yaml, String appRoot) {
        if (yaml == null || yaml.isBlank()) {
            return CustomHeaders.NONE;
        }
        try {
            return CustomHttpParser.parse(yaml, FIELD).forAppRoot(appRoot);
        } catch (CustomHttpException e) {
            log.warn("App {}: stored custom headers are not served: {}", appId, e.getMessage());
            return CustomHeaders.NONE;
        }
    }
}
