package dev.slipway.protocol.edge;

import dev.slipway.protocol.redirect.CustomRule;
import java.util.List;

/**
 * Per-app serving settings that change without a deployment. Only apps with something to say are listed.
 *
 * @param appId       the app
 * @param customRules its redirects and rewrites, in order, as stored (validated by the control plane)
 */
public record AppRoute(String appId, List<CustomRule> customRules) {

    public AppRoute {
        customRules = customRules == null ? List.of() : List.copyOf(customRules);
    }
}
