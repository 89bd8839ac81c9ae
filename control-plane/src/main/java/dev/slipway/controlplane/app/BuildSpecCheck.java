package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;

/**
 * A build spec stored through the API or the console (an app's, a branch's, auto-created branches') must parse, so a
 * typo shows when saved, with its line, rather than at the next build.
 */
public final class BuildSpecCheck {

    private static final int MAX_BUILD_SPEC = 25_000;

    private BuildSpecCheck() {
    }

    /**
     * @param field how the 400 names the spec ({@code buildSpec}, {@code autoBranchCreationConfig.buildSpec})
     * @return the spec as given; a blank one is not parsed (it means "none")
     */
    public static String validate(String yaml, String field) {
        if (yaml == null || yaml.isBlank()) {
            return yaml;
        }
        if (yaml.length() > MAX_BUILD_SPEC) {
            throw Refusal.invalid("'" + field + "' is longer than 25,000 characters.");
        }
        try {
            BuildSpecParser.parse(yaml, field);
        } catch (BuildSpecException e) {
            throw Refusal.invalid(e.getMessage());
        }
        return yaml;
    }
}
