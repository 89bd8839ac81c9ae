package dev.slipway.protocol.ssr;

/**
 * A {@code deploy-manifest.json} that breaks a rule of the Amplify deployment specification
 * (amplify-hosting-reference.md §11.2). The message names the file, the offending field (with its route index and
 * path when there is one) and the rule, because it is shown to the user as the reason the deploy failed.
 */
public final class DeployManifestException extends IllegalArgumentException {

    public static final String FILE = "deploy-manifest.json";

    public DeployManifestException(String detail) {
        super(FILE + ": " + detail);
    }
}
