package dev.slipway.protocol.headers;

import java.util.List;

/**
 * The custom headers of one deployment (one app root), in file order. Part of the deployment manifest, so a change
 * takes effect with the next deployment, as in Amplify (amplify-hosting-reference.md §4.2).
 */
public record CustomHeaders(List<HeaderRule> rules) {

    public static final CustomHeaders NONE = new CustomHeaders(List.of());

    public CustomHeaders {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
