package dev.slipway.protocol.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.protocol.firewall.FirewallRules;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.redirect.CustomRule;
import java.util.List;

/**
 * Per-app serving settings that change without a deployment. Only apps with something to say are listed.
 *
 * @param appId         the app
 * @param customRules   its redirects and rewrites, in order, as stored (validated by the control plane)
 * @param customHeaders the app's custom headers (Amplify's {@code App.customHeaders}), already parsed; they apply to
 *                      deployments without a customHttp.yml of their own. Null when the app has none, and in
 *                      snapshots written before the field existed (left out of the JSON when null, so apps
 *                      without headers look to older edges as they did).
 * @param firewall      the app's edge firewall, or null when it has none (left out of the JSON then, likewise)
 */
public record AppRoute(String appId, List<CustomRule> customRules,
                       @JsonInclude(JsonInclude.Include.NON_NULL) CustomHeaders customHeaders,
                       @JsonInclude(JsonInclude.Include.NON_NULL) FirewallRules firewall) {

    public AppRoute {
        customRules = customRules == null ? List.of() : List.copyOf(customRules);
        customHeaders = customHeaders == null || customHeaders.isEmpty() ? null : customHeaders;
        firewall = firewall == null || firewall.permitsAll() ? null : firewall;
    }

    public AppRoute(String appId, List<CustomRule> customRules, CustomHeaders customHeaders) {
        this(appId, customRules, customHeaders, null);
    }

    public AppRoute(String appId, List<CustomRule> customRules) {
        this(appId, customRules, null, null);
    }
}
