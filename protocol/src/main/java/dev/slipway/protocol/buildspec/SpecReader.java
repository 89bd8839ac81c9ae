package dev.slipway.protocol.buildspec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

import dev.slipway.protocol.headers.CustomHttpException;
import dev.slipway.protocol.headers.CustomHttpParser;
import dev.slipway.protocol.headers.HeaderRule;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a composed YAML node tree into a {@link BuildSpec}; one instance per document. */
final class SpecReader {

    private static final Set<String> TOP_KEYS = Set.of("version", "env", "backend", "frontend", "test", "applications",
            "appRoot", "customHeaders");
    private static final Set<String> APP_KEYS = Set.of("appRoot", "env", "backend", "frontend", "test");
    private static final int MAX_NODES = 100_000;

    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private int visited;
    /** {@code customHeaders} of the frontend read last, for {@link #app} to parse after the frontend's own keys. */
    private Node frontendHeaders;

    SpecReader(String source) {
        this.source = source;
    }

    BuildSpec read(Node root) throws BuildSpecException {
        Map<String, Node> top = mapping(root, "the top level", TOP_KEYS);
        String version = scalar(top.get("version"), "version");
        Node applications = top.get("applications");
        if (applications != null && !isNull(applications)) {
            for (String key : List.of("env", "backend", "frontend", "test")) {
                if (top.containsKey(key)) {
                    warn(top.get(key), "top-level '" + key + "' is ignored when 'applications' is present");
                }
            }
            List<AppSpec> apps = new ArrayList<>();
            for (Node entry : sequence(applications, "applications")) {
                String path = "applications[" + apps.size() + "]";
                apps.add(app(mapping(entry, path, APP_KEYS), path, true));
            }
            return new BuildSpec(version, null, apps, warnings);
        }
        return new BuildSpec(version, app(top, "", false), List.of(), warnings);
    }

    private AppSpec app(Map<String, Node> map, String path, boolean monorepo) throws BuildSpecException {
        String prefix = path.isEmpty() ? "" : path + ".";
        String appRoot = monorepo ? AppRoot.normalise(scalar(map.get("appRoot"), prefix + "appRoot")) : null;
        if (monorepo && appRoot == null) {
            warn(firstNode(map), prefix + "appRoot is missing; this application is chosen only when it is the only one");
        }
        List<HeaderRule> headers = new ArrayList<>(legacyHeaders(map.get("customHeaders"), prefix + "customHeaders"));
        SequencedMap<String, String> environment = env(map.get("env"), prefix + "env");
        Phases backend = backend(map.get("backend"), prefix + "backend");
        frontendHeaders = null;
        Frontend frontend = frontend(map.get("frontend"), prefix + "frontend");
        headers.addAll(legacyHeaders(frontendHeaders, prefix + "frontend.customHeaders"));
        return new AppSpec(appRoot, environment, backend, frontend, test(map.get("test"), prefix + "test"), headers);
    }

    /** Amplify still applies them (and warns); customHttp.yml, when the repository has one, wins as a whole. */
    private List<HeaderRule> legacyHeaders(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return List.of();
        }
        warn(node, path + " is Amplify's deprecated location for custom headers; it is applied, but move it to "
                + "customHttp.yml (which takes precedence when present)");
        try {
            return CustomHttpParser.embeddedRules(node, source, path, warnings);
        } catch (CustomHttpException e) {
            throw new BuildSpecException(source, e.line(), e.reason());
        }
    }

    private SequencedMap<String, String> env(Node node, String path) throws BuildSpecException {
        SequencedMap<String, String> result = new LinkedHashMap<>();
        if (isNull(node)) {
            return result;
        }
        Map<String, Node> env = mapping(node, path, Set.of("variables", "secrets"));
        if (env.containsKey("secrets")) {
            warn(env.get("secrets"), path + ".secrets is not part of the Amplify build spec and is ignored");
        }
        Node variables = env.get("variables");
        if (isNull(variables)) {
            return result;
        }
        for (Map.Entry<String, Node> e : mapping(variables, path + ".variables", null).entrySet()) {
            String value = scalar(e.getValue(), path + ".variables." + e.getKey());
            result.put(e.getKey(), value == null ? "" : value);
        }
        return result;
    }

    private Phases backend(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return Phases.EMPTY;
        }
        Map<String, Node> backend = mapping(node, path, Set.of("phases"));
        return phases(backend.get("phases"), path + ".phases");
    }

    private Phases phases(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return Phases.EMPTY;
        }
        Map<String, Node> phases = mapping(node, path, Set.of("preBuild", "build", "postBuild"));
        return new Phases(commands(phases.get("preBuild"), path + ".preBuild"),
                commands(phases.get("build"), path + ".build"),
                commands(phases.get("postBuild"), path + ".postBuild"));
    }

    private Frontend frontend(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return null;
        }
        Map<String, Node> frontend = mapping(node, path,
                Set.of("phases", "artifacts", "cache", "buildpath", "buildPath", "customHeaders"));
        frontendHeaders = frontend.get("customHeaders");
        Node buildPathNode = frontend.containsKey("buildPath") ? frontend.get("buildPath") : frontend.get("buildpath");
        String buildPath = scalar(buildPathNode, path + ".buildPath");
        List<String> cache = List.of();
        if (!isNull(frontend.get("cache"))) {
            Map<String, Node> cacheMap = mapping(frontend.get("cache"), path + ".cache", Set.of("paths"));
            cache = strings(cacheMap.get("paths"), path + ".cache.paths");
        }
        return new Frontend(buildPath, phases(frontend.get("phases"), path + ".phases"),
                artifacts(frontend.get("artifacts"), path + ".artifacts"), cache);
    }

    private Artifacts artifacts(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return null;
        }
        Map<String, Node> artifacts = mapping(node, path,
                Set.of("baseDirectory", "files", "discard-paths", "discardPaths", "name"));
        Node discard = artifacts.containsKey("discard-paths") ? artifacts.get("discard-paths") : artifacts.get("discardPaths");
        String discardValue = scalar(discard, path + ".discard-paths");
        boolean discardPaths = discardValue != null && Set.of("yes", "true", "on", "y").contains(discardValue.toLowerCase());
        return new Artifacts(scalar(artifacts.get("baseDirectory"), path + ".baseDirectory"),
                strings(artifacts.get("files"), path + ".files"), discardPaths);
    }

    private TestSpec test(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return null;
        }
        Map<String, Node> test = mapping(node, path, Set.of("phases", "artifacts"));
        TestPhases phases = TestPhases.EMPTY;
        if (!isNull(test.get("phases"))) {
            Map<String, Node> p = mapping(test.get("phases"), path + ".phases", Set.of("preTest", "test", "postTest"));
            phases = new TestPhases(commands(p.get("preTest"), path + ".phases.preTest"),
                    commands(p.get("test"), path + ".phases.test"), commands(p.get("postTest"), path + ".phases.postTest"));
        }
        TestArtifacts artifacts = null;
        if (!isNull(test.get("artifacts"))) {
            Map<String, Node> a = mapping(test.get("artifacts"), path + ".artifacts",
                    Set.of("baseDirectory", "configFilePath", "files"));
            artifacts = new TestArtifacts(scalar(a.get("baseDirectory"), path + ".artifacts.baseDirectory"),
                    scalar(a.get("configFilePath"), path + ".artifacts.configFilePath"),
                    strings(a.get("files"), path + ".artifacts.files"));
        }
        return new TestSpec(phases, artifacts);
    }

    /** A phase: {@code {commands: [...]}}; leniently also a bare command or a bare list (with a warning). */
    private List<String> commands(Node node, String path) throws BuildSpecException {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof MappingNode)) {
            warn(node, path + " should be a mapping with 'commands'; treating its value as the commands");
            return strings(node, path);
        }
        Map<String, Node> phase = mapping(node, path, Set.of("commands"));
        return strings(phase.get("commands"), path + ".commands");
    }

    // ---- node helpers -------------------------------------------------------------------------------------------

    /** A mapping with scalar keys; merge keys ({@code <<}) applied; unknown keys warned about when known != null. */
    private Map<String, Node> mapping(Node node, String path, Set<String> known) throws BuildSpecException {
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

    private List<Node> sequence(Node node, String path) throws BuildSpecException {
        count(node);
        if (!(node instanceof SequenceNode sequence)) {
            throw typeError(node, path, "a list");
        }
        return sequence.getValue();
    }

    /** A list of strings; a single scalar counts as a one-element list; null items are dropped. */
    private List<String> strings(Node node, String path) throws BuildSpecException {
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
    private String scalar(Node node, String path) throws BuildSpecException {
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

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    private BuildSpecException typeError(Node node, String path, String expected) {
        return new BuildSpecException(source, line(node), path + " must be " + expected + ", not " + describe(node));
    }

    private static String describe(Node node) {
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

    private void count(Node node) throws BuildSpecException {
        if (++visited > MAX_NODES) {
            throw new BuildSpecException(source, line(node), "the document expands to more than " + MAX_NODES
                    + " values (too many aliases?)");
        }
    }

    private void warn(Node node, String message) {
        warnings.add("line " + line(node) + ": " + message);
    }

    private static String where(String path) {
        return path.isEmpty() || path.equals("the top level") ? "" : path + ": ";
    }

    private static Node firstNode(Map<String, Node> map) {
        return map.values().stream().findFirst().orElse(null);
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
