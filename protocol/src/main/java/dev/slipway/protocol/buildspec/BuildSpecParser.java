package dev.slipway.protocol.buildspec;

import dev.slipway.protocol.yaml.SafeYaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses {@code amplify.yml} into a {@link BuildSpec}.
 *
 * <p>Safe for untrusted input: at most {@value #MAX_BYTES} bytes, at most {@value #MAX_ALIASES} aliases to
 * collections (YAML "billion laughs"), a bounded nesting depth, and no object construction at all: the document is
 * composed into a node tree (with {@link SafeConstructor} configured, never invoked; see {@link SafeYaml}) and read
 * key by key, so no tag can instantiate a type. Lenient where Amplify is (a command given as one string or a number,
 * a phase given as a bare command, unknown keys: warnings); strict where a value cannot be used (a mapping where
 * commands belong, {@code phases: 5}: {@link BuildSpecException} naming the key path and its line).
 *
 * <p>Stateless and thread-safe.
 */
public final class BuildSpecParser {

    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_ALIASES = SafeYaml.MAX_ALIASES;

    private BuildSpecParser() {
    }

    /**
     * @param yaml       the document
     * @param sourceName how messages name the document ({@code amplify.yml})
     */
    public static BuildSpec parse(String yaml, String sourceName) throws BuildSpecException {
        try {
            Node root;
            try {
                root = SafeYaml.compose(yaml, MAX_BYTES, "build spec");
            } catch (SafeYaml.Problem e) {
                throw new BuildSpecException(sourceName, e.line(), e.getMessage());
            }
            return new SpecReader(sourceName).read(root);
        } catch (BuildSpecException e) {
            int marker = conflictMarkerLine(yaml);
            if (marker == 0) {
                throw e;
            }
            throw new BuildSpecException(sourceName, e.line(), e.reason() + " (the file has git conflict markers, "
                    + "the first at line " + marker + ": resolve the merge conflict and commit the result)");
        }
    }

    /** The 1-based line of the first line git writes around a conflict ({@code <<<<<<< }, ...), else 0. */
    static int conflictMarkerLine(String yaml) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("<<<<<<<") || line.startsWith(">>>>>>>") || line.stripTrailing().equals("=======")) {
                return i + 1;
            }
        }
        return 0;
    }
}
