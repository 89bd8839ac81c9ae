package dev.slipway.runner.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;

/**
 * Finds the build spec of a checkout: {@code amplify.yml} at the repository root, else {@code amplify.yaml}, else
 * the spec stored on the branch or app. Stateless.
 */
public final class SpecLocator {

    public static final String NO_SPEC = "no amplify.yml in the repository and no build spec configured";

    /** The parsed spec and the name messages use for it. */
    public record Located(BuildSpec spec, String sourceName) {
    }

    private SpecLocator() {
    }

    /**
     * @param storedSpec the branch's or app's spec, or null
     * @throws BuildSpecException when the chosen spec does not parse
     * @throws MissingSpecException when there is none
     */
    public static Located locate(Path repositoryRoot, String storedSpec) throws IOException, BuildSpecException {
        for (String name : new String[] {"amplify.yml", "amplify.yaml"}) {
            Path file = repositoryRoot.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.size(file) > BuildSpecParser.MAX_BYTES) {
                    throw new BuildSpecException(name, 0, "the build spec is larger than "
                            + BuildSpecParser.MAX_BYTES / 1024 + " KiB");
                }
                String yaml = Files.readString(file, StandardCharsets.UTF_8);
                return new Located(BuildSpecParser.parse(yaml, name), name);
            }
        }
        if (storedSpec != null && !storedSpec.isBlank()) {
            String name = "the configured build spec";
            return new Located(BuildSpecParser.parse(storedSpec, name), name);
        }
        throw new MissingSpecException();
    }

    /** Neither the repository nor the control plane has a build spec. */
    public static final class MissingSpecException extends IOException {
        public MissingSpecException() {
            super(NO_SPEC);
        }
    }
}
