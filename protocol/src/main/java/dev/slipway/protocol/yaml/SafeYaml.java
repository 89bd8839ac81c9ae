package dev.slipway.protocol.yaml;

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
 * Composes untrusted YAML (amplify.yml, customHttp.yml) into a node tree, never into objects: bounded size, at most
 * {@value #MAX_ALIASES} aliases to collections ("billion laughs"), bounded nesting, a leading BOM dropped. Callers read
 * the tree key by key and turn {@link Problem}s into their own line-numbered exception. Stateless and thread-safe.
 */
public final class SafeYaml {

    public static final int MAX_ALIASES = 50;

    /** Why a document cannot be read; {@code line} is 1-based, 0 when no line applies. */
    public static final class Problem extends Exception {
        private final int line;

        Problem(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private SafeYaml() {
    }

    /** @return the root node; never null (an empty document is a {@link Problem}) */
    public static Node compose(String yaml, int maxBytes, String what) throws Problem {
        if (yaml == null || yaml.isBlank()) {
            throw new Problem(0, "the " + what + " is empty");
        }
        if (yaml.length() > maxBytes || yaml.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new Problem(0, "the " + what + " is larger than " + maxBytes / 1024 + " KiB");
        }
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        Node root;
        try {
            root = newYaml(maxBytes).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new Problem(lineOf(e), describe(e));
        } catch (YAMLException e) {
            throw new Problem(0, e.getMessage());
        }
        if (root == null) {
            throw new Problem(0, "the " + what + " is empty");
        }
        return root;
    }

    /** 1-based line where a node starts, 0 when unknown. */
    public static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Yaml newYaml(int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(maxBytes);
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
