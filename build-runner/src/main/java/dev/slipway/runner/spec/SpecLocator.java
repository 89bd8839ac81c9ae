package dev.slipway.runner.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;

/**
 * Finds the build spec of a checkout: {@code amplify.yml} at the repository root, else {@code amplify.yaml}, else
 * the spec stored on the branch or app, else Amplify's default spec for the framework {@link FrameworkDetector}
 * recognises. Stateless.
 */
public final class SpecLocator {

    public static final String NO_SPEC = "no amplify.yml in the repository, no build spec configured, and no "
            + "framework recognised (Vite, Next.js, Create React App, Angular, Vue, Astro, Gatsby, Hugo, "
            + "or an index.html at the root)";

    /**
     * The parsed spec and the name messages use for it.
     *
     * @param generated the YAML generated for a detected framework, null when the spec was written by the user
     */
    public record Located(BuildSpec spec, String sourceName, String generated) {

        public Located(BuildSpec spec, String sourceName) {
            this(spec, sourceName, null);
        }
    }

    private SpecLocator() {
    }

    /**
     * @param storedSpec the branch's or app's spec, or null
     * @throws BuildSpecException when the chosen spec does not parse
     * @throws MissingSpecException when there is none and no framework is recognised
     * @throws FrameworkDetector.UnsupportedFrameworkException when the repository needs a spec Slipway cannot guess
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
        Optional<String> misnamed = misnamedSpec(repositoryRoot);
        var detected = FrameworkDetector.detect(repositoryRoot);
        if (detected.isPresent()) {
            String name = "the default build spec for " + detected.get().framework();
            BuildSpec spec = BuildSpecParser.parse(detected.get().buildSpec(), name);
            if (misnamed.isPresent()) {
                List<String> warnings = new ArrayList<>(spec.warnings());
                warnings.add(misnamedHint(misnamed.get()));
                spec = new BuildSpec(spec.version(), spec.app(), spec.applications(), warnings);
            }
            return new Located(spec, name, detected.get().buildSpec());
        }
        throw new MissingSpecException(misnamed.map(file -> NO_SPEC + "; " + misnamedHint(file)).orElse(NO_SPEC));
    }

    /**
     * A root file that differs from {@code amplify.yml} only in case ({@code Amplify.yml}): Amplify, like Slipway,
     * reads the lower-case name only, and a repository made on a case-insensitive file system often has the other.
     */
    private static Optional<String> misnamedSpec(Path repositoryRoot) throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.equalsIgnoreCase("amplify.yml") || name.equalsIgnoreCase("amplify.yaml"))
                    .sorted()
                    .findFirst();
        }
    }

    private static String misnamedHint(String file) {
        return "the repository has " + file + ", which is not read: the build spec must be named amplify.yml "
                + "(lower case); rename it with git mv";
    }

    /** Neither the repository nor the control plane has a build spec. */
    public static final class MissingSpecException extends IOException {
        MissingSpecException(String message) {
            super(message);
        }
    }
}
