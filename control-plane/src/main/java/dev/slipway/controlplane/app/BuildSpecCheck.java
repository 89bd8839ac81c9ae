package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.ApiException;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;

/** A build spec stored through the API must parse, so a typo shows when saved rather than at the next build. */
final class BuildSpecCheck {

    private BuildSpecCheck() {
    }

    static void validate(String yaml) {
        try {
            BuildSpecParser.parse(yaml, "buildSpec");
        } catch (BuildSpecException e) {
            throw ApiException.badRequest("buildSpec line " + e.line() + ": " + e.reason());
        }
    }
}
