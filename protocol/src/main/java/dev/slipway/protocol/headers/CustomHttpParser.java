package dev.slipway.protocol.headers;

import dev.slipway.protocol.buildspec.AppRoot;
import dev.slipway.protocol.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses customHttp.yml (amplify-hosting-reference.md §4.1) with the build spec parser's safety ({@link SafeYaml}) and
 * its message style: a value of the wrong type is a {@link CustomHttpException} naming the line; unknown keys,
 * hop-by-hop header names and entries without a pattern are skipped with a warning, so a file written for another
 * host (Vercel's {@code headers:}) loads as "no custom headers" and says why.
 *
 * <p>One instance per document; use {@link #parse}.
 */
public final class CustomHttpParser {

    public static final int MAX_BYTES = 256 * 1024;
    /** Headers whose framing meaning belongs to the server, never to a site's configuration. */
    private static final Set<String> FORBIDDEN = Set.of("content-length", "transfer-encoding", "connection", "host",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    private final String source;
    private final List<String> warnings = new ArrayList<>();

    private CustomHttpParser(String source) {
        this.source = source;
    }

    public static CustomHttpFile parse(String yaml, String sourceName) throws CustomHttpException {
        Node root;
        try {
            root = SafeYaml.compose(yaml, MAX_BYTES, "file");
        } catch (SafeYaml.Problem e) {
            throw new CustomHttpException(sourceName, e.line(), e.getMessage());
        }
        return new CustomHttpParser(sourceName).read(root);
    }

    /**
     * A {@code customHeaders} list embedded in another YAML document: the build spec's legacy location
     * ({@code frontend.customHeaders}), same format and checks as the file's.
     *
     * @param warnings receives the list's warnings
     */
    public static List<HeaderRule> embeddedRules(Node node, String sourceName, String path, List<String> warnings)
            throws CustomHttpException {
        CustomHttpParser parser = new CustomHttpParser(sourceName);
        List<HeaderRule> rules = parser.rules(node, path);
        warnings.addAll(parser.warnings);
        return rules;
    }

    private CustomHttpFile read(Node root) throws CustomHttpException {
        Map<String, Node> top = mapping(root, "the top level", Set.of("customHeaders", "applications"));
        Map<String, List<HeaderRule>> applications = new LinkedHashMap<>();
        Node apps = top.get("applications");
        if (apps != null && !isNull(apps)) {
            for (Node entry : sequence(apps, "applications")) {
                String path = "applications[" + applications.size() + "]";
                Map<String, Node> app = mapping(entry, path, Set.of("appRoot", "customHeaders"));
                String appRoot = scalar(app.get("appRoot"), path + ".appRoot");
                if (appRoot == null) {
                    throw new CustomHttpException(source, SafeYaml.line(entry), path + ".appRoot is required");
                }
                applications.put(AppRoot.normalise(appRoot), rules(app.get("customHeaders"), path + ".customHeaders"));
            }
        }
        List<HeaderRule> rules = rules(top.get("customHeaders"), "customHeaders");
        if (!top.containsKey("customHeaders") && applications.isEmpty()) {
            warnings.add("line " + SafeYaml.line(root) + ": no 'customHeaders' or 'applications' key, so this file "
                    + "sets no headers");
        }
        return new CustomHttpFile(rules, applications, warnings);
    }

    private List<HeaderRule> rules(Node node, String path) throws CustomHttpException {
        List<HeaderRule> rules = new ArrayList<>();
        if (isNull(node)) {
            return rules;
        }
        for (Node entry : sequence(node, path)) {
            String at = path + "[" + rules.size() + "]";
            Map<String, Node> rule = mapping(entry, at, Set.of("pattern", "headers"));
            String pattern = scalar(rule.get("pattern"), at + ".pattern");
            if (pattern == null || pattern.isBlank()) {
                warnings.add("line " + SafeYaml.line(entry) + ": " + at + " has no pattern and is skipped");
                continue;
            }
            rules.add(new HeaderRule(pattern.strip(), headers(rule.get("headers"), at + ".headers")));
        }
        return rules;
    }

    private List<Header> headers(Node node, String path) throws CustomHttpException {
        List<Header> headers = new ArrayList<>();
        if (isNull(node)) {
            return headers;
        }
        int index = 0;
        for (Node entry : sequence(node, path)) {
            String at = path + "[" + index++ + "]";
            Map<String, Node> header = mapping(entry, at, Set.of("key", "value"));
            String key = scalar(header.get("key"), at + ".key");
            String value = scalar(header.get("value"), at + ".value");
            if (key == null || key.isBlank() || !key.strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new CustomHttpException(source, SafeYaml.line(entry), at + ".key must be a header name");
            }
            if (FORBIDDEN.contains(key.strip().toLowerCase(Locale.ROOT))) {
                warnings.add("line " + SafeYaml.line(entry) + ": " + at + ": '" + key + "' is set by the server and "
                        + "is ignored");
                continue;
            }
            // a line break in a header value would split the response; YAML block scalars produce them (§4.2)
            String single = value == null ? "" : value.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
            headers.add(new Header(key.strip(), single));
        }
        return headers;
    }

    private Map<String, Node> mapping(Node node, String path, Set<String> known) throws CustomHttpException {
        if (!(node instanceof MappingNode mapping)) {
            throw typeError(node, path, "a mapping (key: value)");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), path + " key");
            if (key != null && !known.contains(key)) {
                warnings.add("line " + SafeYaml.line(tuple.getKeyNode()) + ": " + path + ": unknown key '" + key
                        + "' is ignored (expected one of " + known.stream().sorted().toList() + ")");
            } else if (key != null) {
                result.put(key, tuple.getValueNode());
            }
        }
        return result;
    }

    private List<Node> sequence(Node node, String path) throws CustomHttpException {
        if (!(node instanceof SequenceNode sequence)) {
            throw typeError(node, path, "a list");
        }
        return sequence.getValue();
    }

    private String scalar(Node node, String path) throws CustomHttpException {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw typeError(node, path, "a single value");
        }
        return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    private CustomHttpException typeError(Node node, String path, String expected) {
        String actual = node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "a value";
        return new CustomHttpException(source, SafeYaml.line(node), path + " must be " + expected + ", not " + actual);
    }
}
