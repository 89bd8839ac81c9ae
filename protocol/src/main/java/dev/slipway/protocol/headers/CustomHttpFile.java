package dev.slipway.protocol.headers;

import dev.slipway.protocol.buildspec.AppRoot;
import java.util.List;
import java.util.Map;

/**
 * A parsed customHttp.yml: the single-app form ({@code customHeaders}) or the monorepo form ({@code applications[]}
 * with {@code appRoot} and {@code customHeaders}).
 *
 * @param rules        the single-app rules (empty in the monorepo form)
 * @param applications app root (normalized: no leading or trailing slash) to its rules
 * @param warnings     "line N: ..." for what was skipped
 */
public record CustomHttpFile(List<HeaderRule> rules, Map<String, List<HeaderRule>> applications,
                             List<String> warnings) {

    public CustomHttpFile {
        rules = List.copyOf(rules);
        applications = Map.copyOf(applications);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param appRoot the monorepo app being built ({@code AMPLIFY_MONOREPO_APP_ROOT}), or null
     * @return the headers for that app: the single-app rules, or the matching application's, or the only
     *         application's when no app root is given; {@link CustomHeaders#NONE} otherwise
     */
    public CustomHeaders forAppRoot(String appRoot) {
        if (applications.isEmpty()) {
            return new CustomHeaders(rules);
        }
        if (appRoot == null || appRoot.isBlank()) {
            return applications.size() == 1
                    ? new CustomHeaders(applications.values().iterator().next()) : CustomHeaders.NONE;
        }
        List<HeaderRule> app = applications.get(AppRoot.normalise(appRoot));
        return app == null ? CustomHeaders.NONE : new CustomHeaders(app);
    }
}
