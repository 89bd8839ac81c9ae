package dev.slipway.e2e.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.slipway.protocol.ssr.ComputeApi;

/**
 * What one role's app really reads and serves, collected from the sources at test time (so a renamed variable, a
 * moved port or a changed health path breaks the manifests' test, not a cluster): the environment names of its
 * {@code application.yml}/{@code .properties} placeholders, its {@code @Value("${SLIPWAY_…}")} and
 * {@code System.getenv("SLIPWAY_…")}, and those the launcher (the images' entrypoint) reads for the role; the
 * variables that set its ports (the edge's metrics too, on their own management port); its health endpoints.
 *
 * @param envNames    every SLIPWAY_* name the role reads
 * @param ports       the variables that set the ports the role listens on, with their defaults
 * @param liveness    path of the liveness check on the first of {@code ports}
 * @param readiness   path of the readiness check on the first of {@code ports}
 */
record AppSettings(Role role, Set<String> envNames, Map<String, Integer> ports, String liveness, String readiness) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(SLIPWAY_[A-Z0-9_]+)");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\)\\.getOrDefault\\(\"(SLIPWAY_[A-Z0-9_]+)\"|"
            + "getenv\\(\"(SLIPWAY_[A-Z0-9_]+)\"\\)");
    private static final Pattern PORT_PLACEHOLDER = Pattern.compile("^\\$\\{(SLIPWAY_[A-Z0-9_]+):(\\d+)}$");

    /** The three roles: container name (= the launcher's command and the image's name), module, launcher function. */
    enum Role {
        CONTROL_PLANE("control-plane", "control-plane", "cmd_control_plane"),
        RUNNER("runner", "build-runner", "cmd_runner"),
        EDGE("edge", "edge-router", "cmd_edge");

        final String container;
        final String module;
        final String launcherFunction;

        Role(String container, String module, String launcherFunction) {
            this.container = container;
            this.module = module;
            this.launcherFunction = launcherFunction;
        }

        String image() {
            return "slipway/" + container;
        }
    }

    static AppSettings of(Path root, Role role) throws IOException {
        Set<String> names = new TreeSet<>();
        Path resources = root.resolve(role.module).resolve("src/main/resources");
        for (String file : new String[] {"application.yml", "application.properties"}) {
            if (Files.exists(resources.resolve(file))) {
                names.addAll(matches(PLACEHOLDER, Files.readString(resources.resolve(file))));
            }
        }
        for (String module : new String[] {role.module, "protocol"}) {
            try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String java = Files.readString(source);
                    names.addAll(matches(PLACEHOLDER, java));
                    names.addAll(matches(GETENV, java));
                }
            }
        }
        String launcher = Files.readString(root.resolve("slipway"));
        names.addAll(matches(PLACEHOLDER, function(launcher, role.launcherFunction)));
        names.addAll(matches(PLACEHOLDER, function(launcher, "role_java")));
        return switch (role) {
            case CONTROL_PLANE -> controlPlane(root, names);
            case EDGE -> edge(root, names);
            case RUNNER -> new AppSettings(role, names, Map.of(portVariable(properties(root, role),
                    "slipway.runner.compute.port"), 0), ComputeApi.HEALTH, ComputeApi.HEALTH);
        };
    }

    /** Spring Boot's probe groups, on the server's own port: only when the settings switch them on and expose them. */
    private static AppSettings controlPlane(Path root, Set<String> names) throws IOException {
        Map<String, Object> yaml = yaml(root, Role.CONTROL_PLANE);
        if (!Boolean.TRUE.equals(at(yaml, "management.endpoint.health.probes.enabled"))
                || !String.valueOf(at(yaml, "management.endpoints.web.exposure.include")).contains("health")
                || at(yaml, "management.server.port") != null || at(yaml, "management.endpoints.web.base-path") != null) {
            throw new AssertionError("the control plane no longer serves /actuator/health/{liveness,readiness} on its "
                    + "server port: update deploy/kubernetes and this test");
        }
        return new AppSettings(Role.CONTROL_PLANE, names, ports(yaml, "server.port"),
                "/actuator/health/liveness", "/actuator/health/readiness");
    }

    /** The edge answers its health on every host, on the fast path's reserved prefix. */
    private static AppSettings edge(Path root, Set<String> names) throws IOException {
        String fastPath = Files.readString(root.resolve(
                "edge-router/src/main/java/dev/slipway/edge/serve/StaticFastPath.java"));
        Matcher prefix = Pattern.compile("RESERVED_PREFIX = \"([^\"]+)\"").matcher(fastPath);
        Matcher health = Pattern.compile("HEALTH = RESERVED_PREFIX \\+ \"([^\"]+)\"").matcher(fastPath);
        if (!prefix.find() || !health.find()) {
            throw new AssertionError("StaticFastPath no longer declares the edge's health path as this test reads it");
        }
        String path = prefix.group(1) + health.group(1);
        return new AppSettings(Role.EDGE, names, ports(yaml(root, Role.EDGE), "server.port",
                "slipway.edge.https-port", "management.server.port"), path, path);
    }

    private static Map<String, Integer> ports(Map<String, Object> yaml, String... keys) {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            Matcher placeholder = PORT_PLACEHOLDER.matcher(String.valueOf(at(yaml, key)));
            if (!placeholder.matches()) {
                throw new AssertionError(key + " is not set by a SLIPWAY_* variable any more: " + at(yaml, key));
            }
            ports.put(placeholder.group(1), Integer.parseInt(placeholder.group(2)));
        }
        return ports;
    }

    private static String portVariable(Properties properties, String key) {
        Matcher placeholder = PORT_PLACEHOLDER.matcher(properties.getProperty(key, ""));
        if (!placeholder.matches()) {
            throw new AssertionError(key + " is not set by a SLIPWAY_* variable any more");
        }
        return placeholder.group(1);
    }

    private static Map<String, Object> yaml(Path root, Role role) throws IOException {
        return Rendering.yamlFile(root.resolve(role.module).resolve("src/main/resources/application.yml"));
    }

    private static Properties properties(Path root, Role role) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve(role.module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** A dotted path into nested YAML maps; null when absent. */
    private static Object at(Map<String, Object> yaml, String dotted) {
        Object node = yaml;
        for (String key : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    /** The body of a shell function of the launcher: from its {@code name() {} line to the brace in column 0. */
    private static String function(String script, String name) {
        Matcher body = Pattern.compile("(?ms)^" + name + "\\(\\) \\{[^\n]*$(.*?)^}$").matcher(script);
        if (!body.find()) {
            throw new AssertionError("the launcher has no function " + name + " any more");
        }
        return body.group(1);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    found.add(matcher.group(group));
                }
            }
        }
        return found;
    }
}
