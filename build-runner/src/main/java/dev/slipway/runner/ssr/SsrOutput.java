package dev.slipway.runner.ssr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.slipway.protocol.ssr.DeployManifestException;

/**
 * Tells a server-side rendered build output from a static one, the way Amplify does: an artifact directory that is
 * a {@code .amplify-hosting} bundle or holds one, or Next's {@code .next} (deployed from its standalone output).
 * Anything else is a static site.
 */
public final class SsrOutput {

    private SsrOutput() {
    }

    /**
     * @param output      the copied artifact directory
     * @param artifactDir its path in the repository, as resolved from {@code artifacts.baseDirectory}
     * @param nextPublic  for Next, the copied {@code public/} beside {@code .next}, or null
     * @return empty for a static site
     * @throws DeployManifestException a bundle breaking a rule
     * @throws SsrOutputException      Next output that cannot be run
     */
    public static Optional<SsrBundle> of(Path output, String artifactDir, Path nextPublic)
            throws IOException, SsrOutputException {
        if (AmplifyHostingBundle.isBundle(output)) {
            return Optional.of(AmplifyHostingBundle.read(output, ""));
        }
        Path nested = output.resolve(AmplifyHostingBundle.DIRECTORY);
        // a link named .amplify-hosting could point anywhere: only a real directory of the output is read
        if (!Files.isSymbolicLink(nested) && AmplifyHostingBundle.isBundle(nested)) {
            return Optional.of(AmplifyHostingBundle.read(nested, AmplifyHostingBundle.DIRECTORY + "/"));
        }
        if (NextStandaloneBundle.isNextOutput(artifactDir)) {
            return Optional.of(NextStandaloneBundle.build(output, nextPublic));
        }
        return Optional.empty();
    }
}
