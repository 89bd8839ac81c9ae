package dev.slipway.protocol.buildspec;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Parses {@code amplify.yml} into a {@link BuildSpec}.
 *
 * <p>Safe for untrusted input: at most {@value #MAX_BYTES} bytes, at most {@value #MAX_ALIASES} aliases to
 * collections (YAML "billion laughs"), a bounded nesting depth, and no object construction at all: the document is
 * composed into a node tree (with {@link SafeConstructor} configured, never invoked) and read key by key, so no tag
 * can instantiate a type. Lenient where Amplify is (a command given as one string or a number, a phase given as a
 * bare command, unknown keys: warnings); strict where a value cannot be used (a mapping where commands belong,
 * {@code phases: 5}: {@link BuildSpecException} naming the key path and its line).
 *
 * <p>Stateless and thread-safe.
 */
public final class BuildSpecParser {

    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_ALIASES = 50;

    private BuildSpecParser() {
    }

    /**
     * @param yaml       the document
     * @param sourceName how messages name the document ({@code amplify.yml})
     */
    public static BuildSpec parse(String yaml, String sourceName) throws BuildSpecException {
        if (yaml == null || yaml.isBlank()) {
            throw new BuildSpecException(sourceName, 0, "the build spec is empty");
        }
        if (yaml.length() > MAX_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BuildSpecException(sourceName, 0, "the build spec is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        Node root;
        try {
            root = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new BuildSpecException(sourceName, lineOf(e), describe(e));
        } catch (YAMLException e) {
            throw new BuildSpecException(sourceName, 0, e.getMessage());
        }
        if (root == null) {
            throw new BuildSpecException(sourceName, 0, "the build spec is empty");
        }
        return new SpecReader(sourceName).read(root);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_BYTES);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private static int lineOf(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? 0 : mark.getLine() + 1;
    }

    private static String describe(MarkedYAMLException e) {
        StringBuilder reason = new StringBuilder();
        if (e.getContext() != null) {
            reason.append(e.getContext()).append(": ");
        }
        reason.append(e.getProblem() == null ? "invalid YAML" : e.getProblem());
        String hint = reason.toString().contains("alias")
                ? " (a value starting with '*' is a YAML alias; quote it)" : "";
        return reason + hint;
    }
}
