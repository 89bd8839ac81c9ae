package dev.slipway.protocol.buildspec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of a composed YAML node tree for {@link SpecReader}: errors name the line and the path, warnings are
 * collected, and the number of values read is capped (aliases can expand a small document enormously).
 */
final class YamlNodes {

    private static final int MAX_NODES = 100_000;

    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private int visited;

    YamlNodes(String source) {
        this.source = source;
    }

    List<String> warnings() {
        return warnings;
    }

    /** A mapping with scalar keys; merge keys ({@code <<}) applied; unknown keys warned about when known != null. */
    Map<String, Node> mapping(Node node, String path, Set<String> known) throws BuildSpecException {
        count(node);
        if (!(node instanceof MappingNode mapping)) {
            throw typeError(node, path, "a mapping (key: value)");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                merge(tuple.getValueNode(), path, known).forEach(result::putIfAbsent);
                continue;
            }
            String key = scalar(tuple.getKeyNode(), path + " key");
            if (key == null) {
                throw new BuildSpecException(source, line(tuple.getKeyNode()), path + " has an empty key");
            }
            if (result.containsKey(key)) {
                warn(tuple.getKeyNode(), where(path) + "'" + key + "' appears twice; the last one wins");
            }
            if (known != null && !known.contains(key)) {
                warn(tuple.getKeyNode(), where(path) + "unknown key '" + key + "' is ignored (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
            result.put(key, tuple.getValueNode());
        }
        return result;
    }

    private Map<String, Node> merge(Node value, String path, Set<String> known) throws BuildSpecException {
        Map<String, Node> merged = new LinkedHashMap<>();
        if (value instanceof SequenceNode sequence) {
            for (Node each : sequence.getValue()) {
                mapping(each, path, known).forEach(merged::putIfAbsent);
            }
            return merged;
        }
        return mapping(value, path, known);
    }

    List<Node> sequence(Node node, String path) throws BuildSpecException {
        count(node);
        if (!(node instanceof SequenceNode sequence)) {
            throw typeError(node, path, "a list");
        }
        return sequence.getValue();
    }

    /** A list of strings; a single scalar counts as a one-element list; null items are dropped. */
    List<String> strings(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return List.of();
        }
        if (node instanceof ScalarNode) {
            return List.of(scalar(node, path));
        }
        List<String> result = new ArrayList<>();
        for (Node item : sequence(node, path)) {
            String value = scalar(item, path + "[" + result.size() + "]");
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    /** A scalar as written (numbers and booleans keep their text); null for an absent or null node. */
    String scalar(Node node, String path) throws BuildSpecException {
        if (node == null) {
            return null;
        }
        count(node);
        if (!(node instanceof ScalarNode scalar)) {
            throw typeError(node, path, "a single value");
        }
        // numbers, booleans and timestamps keep the text as written; nothing is ever constructed from a tag
        return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    BuildSpecException typeError(Node node, String path, String expected) {
        return new BuildSpecException(source, line(node), path + " must be " + expected + ", not " + describe(node));
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        String value = ((ScalarNode) node).getValue();
        String kind = tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? "the number " : tag.equals(Tag.BOOL) ? "the boolean " : "the text ";
        return kind + "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }

    void count(Node node) throws BuildSpecException {
        if (++visited > MAX_NODES) {
            throw new BuildSpecException(source, line(node), "the document expands to more than " + MAX_NODES
                    + " values (too many aliases?)");
        }
    }

    void warn(Node node, String message) {
        warnings.add("line " + line(node) + ": " + message);
    }

    static String where(String path) {
        return path.isEmpty() || path.equals("the top level") ? "" : path + ": ";
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
