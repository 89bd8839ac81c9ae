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

/** Reads a composed YAML node tree into a {@link BuildSpec}; one instance per document. */
final class SpecReader {

    private static final Set<String> TOP_KEYS = Set.of("version", "env", "backend", "frontend", "test", "applications",
            "appRoot", "customHeaders");
    private static final Set<String> APP_KEYS = Set.of("appRoot", "env", "backend", "frontend", "test");

    private final String source;
    private final YamlNodes yaml;
    /** {@code customHeaders} of the frontend read last, for {@link #app} to parse after the frontend's own keys. */
    private Node frontendHeaders;

    SpecReader(String source) {
        this.source = source;
        this.yaml = new YamlNodes(source);
    }

    BuildSpec read(Node root) throws BuildSpecException {
        Map<String, Node> top = yaml.mapping(root, "the top level", TOP_KEYS);
        String version = yaml.scalar(top.get("version"), "version");
        Node applications = top.get("applications");
        if (applications != null && !YamlNodes.isNull(applications)) {
            for (String key : List.of("env", "backend", "frontend", "test")) {
                if (top.containsKey(key)) {
                    yaml.warn(top.get(key), "top-level '" + key + "' is ignored when 'applications' is present");
                }
            }
            List<AppSpec> apps = new ArrayList<>();
            for (Node entry : yaml.sequence(applications, "applications")) {
                String path = "applications[" + apps.size() + "]";
                apps.add(app(yaml.mapping(entry, path, APP_KEYS), path, true));
            }
            return new BuildSpec(version, null, apps, yaml.warnings());
        }
        return new BuildSpec(version, app(top, "", false), List.of(), yaml.warnings());
    }

    private AppSpec app(Map<String, Node> map, String path, boolean monorepo) throws BuildSpecException {
        String prefix = path.isEmpty() ? "" : path + ".";
        String appRoot = monorepo ? AppRoot.normalise(yaml.scalar(map.get("appRoot"), prefix + "appRoot")) : null;
        if (monorepo && appRoot == null) {
            yaml.warn(firstNode(map), prefix + "appRoot is missing; this application is chosen only when it is the only one");
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
        if (YamlNodes.isNull(node)) {
            return List.of();
        }
        yaml.warn(node, path + " is Amplify's deprecated location for custom headers; it is applied, but move it to "
                + "customHttp.yml (which takes precedence when present)");
        try {
            return CustomHttpParser.embeddedRules(node, source, path, yaml.warnings());
        } catch (CustomHttpException e) {
            throw new BuildSpecException(source, e.line(), e.reason());
        }
    }

    private SequencedMap<String, String> env(Node node, String path) throws BuildSpecException {
        SequencedMap<String, String> result = new LinkedHashMap<>();
        if (YamlNodes.isNull(node)) {
            return result;
        }
        Map<String, Node> env = yaml.mapping(node, path, Set.of("variables", "secrets"));
        if (env.containsKey("secrets")) {
            yaml.warn(env.get("secrets"), path + ".secrets is not part of the Amplify build spec and is ignored");
        }
        Node variables = env.get("variables");
        if (YamlNodes.isNull(variables)) {
            return result;
        }
        for (Map.Entry<String, Node> e : yaml.mapping(variables, path + ".variables", null).entrySet()) {
            String value = yaml.scalar(e.getValue(), path + ".variables." + e.getKey());
            result.put(e.getKey(), value == null ? "" : value);
        }
        return result;
    }

    private Phases backend(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return Phases.EMPTY;
        }
        Map<String, Node> backend = yaml.mapping(node, path, Set.of("phases"));
        return phases(backend.get("phases"), path + ".phases");
    }

    private Phases phases(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return Phases.EMPTY;
        }
        Map<String, Node> phases = yaml.mapping(node, path, Set.of("preBuild", "build", "postBuild"));
        return new Phases(commands(phases.get("preBuild"), path + ".preBuild"),
                commands(phases.get("build"), path + ".build"),
                commands(phases.get("postBuild"), path + ".postBuild"));
    }

    private Frontend frontend(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return null;
        }
        Map<String, Node> frontend = yaml.mapping(node, path,
                Set.of("phases", "artifacts", "cache", "buildpath", "buildPath", "customHeaders"));
        frontendHeaders = frontend.get("customHeaders");
        Node buildPathNode = frontend.containsKey("buildPath") ? frontend.get("buildPath") : frontend.get("buildpath");
        String buildPath = yaml.scalar(buildPathNode, path + ".buildPath");
        List<String> cache = List.of();
        if (!YamlNodes.isNull(frontend.get("cache"))) {
            Map<String, Node> cacheMap = yaml.mapping(frontend.get("cache"), path + ".cache", Set.of("paths"));
            cache = yaml.strings(cacheMap.get("paths"), path + ".cache.paths");
        }
        return new Frontend(buildPath, phases(frontend.get("phases"), path + ".phases"),
                artifacts(frontend.get("artifacts"), path + ".artifacts"), cache);
    }

    private Artifacts artifacts(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return null;
        }
        Map<String, Node> artifacts = yaml.mapping(node, path,
                Set.of("baseDirectory", "files", "discard-paths", "discardPaths", "name"));
        Node discard = artifacts.containsKey("discard-paths") ? artifacts.get("discard-paths") : artifacts.get("discardPaths");
        String discardValue = yaml.scalar(discard, path + ".discard-paths");
        boolean discardPaths = discardValue != null && Set.of("yes", "true", "on", "y").contains(discardValue.toLowerCase());
        return new Artifacts(yaml.scalar(artifacts.get("baseDirectory"), path + ".baseDirectory"),
                yaml.strings(artifacts.get("files"), path + ".files"), discardPaths);
    }

    private TestSpec test(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return null;
        }
        Map<String, Node> test = yaml.mapping(node, path, Set.of("phases", "artifacts"));
        TestPhases phases = TestPhases.EMPTY;
        if (!YamlNodes.isNull(test.get("phases"))) {
            Map<String, Node> p = yaml.mapping(test.get("phases"), path + ".phases", Set.of("preTest", "test", "postTest"));
            phases = new TestPhases(commands(p.get("preTest"), path + ".phases.preTest"),
                    commands(p.get("test"), path + ".phases.test"), commands(p.get("postTest"), path + ".phases.postTest"));
        }
        TestArtifacts artifacts = null;
        if (!YamlNodes.isNull(test.get("artifacts"))) {
            Map<String, Node> a = yaml.mapping(test.get("artifacts"), path + ".artifacts",
                    Set.of("baseDirectory", "configFilePath", "files"));
            artifacts = new TestArtifacts(yaml.scalar(a.get("baseDirectory"), path + ".artifacts.baseDirectory"),
                    yaml.scalar(a.get("configFilePath"), path + ".artifacts.configFilePath"),
                    yaml.strings(a.get("files"), path + ".artifacts.files"));
        }
        return new TestSpec(phases, artifacts);
    }

    /** A phase: {@code {commands: [...]}}; leniently also a bare command or a bare list (with a warning). */
    private List<String> commands(Node node, String path) throws BuildSpecException {
        if (YamlNodes.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof MappingNode)) {
            yaml.warn(node, path + " should be a mapping with 'commands'; treating its value as the commands");
            return yaml.strings(node, path);
        }
        Map<String, Node> phase = yaml.mapping(node, path, Set.of("commands"));
        return yaml.strings(phase.get("commands"), path + ".commands");
    }

    private static Node firstNode(Map<String, Node> map) {
        return map.values().stream().findFirst().orElse(null);
    }
}
