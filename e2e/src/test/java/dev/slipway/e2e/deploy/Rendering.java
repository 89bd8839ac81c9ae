package dev.slipway.e2e.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What {@code kubectl kustomize} makes of a directory under deploy/kubernetes, as fabric8's typed model objects. The
 * tree is copied first and its overlays' {@code generate-secrets.sh} run in the copy, as a person would before
 * {@code kubectl apply -k}, so the repository never holds generated secrets.
 */
record Rendering(String directory, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** A pod template and the workload that owns it (a Deployment or a DaemonSet). */
    record Workload(HasMetadata owner, PodTemplateSpec template) {

        String namespace() {
            return owner.getMetadata().getNamespace();
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }

        /** Native sidecars: init containers that run as long as the pod (restartPolicy Always). */
        List<Container> sidecars() {
            return template.getSpec().getInitContainers().stream()
                    .filter(c -> "Always".equals(c.getRestartPolicy())).toList();
        }

        /** The containers that run as long as the pod: its containers and its native sidecars. */
        List<Container> longRunning() {
            List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
            containers.addAll(sidecars());
            return containers;
        }

        List<Container> allContainers() {
            List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
            containers.addAll(template.getSpec().getInitContainers());
            return containers;
        }

        Container container(String name) {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow();
        }
    }

    /** Copies {@code root/deploy/kubernetes} into {@code scratch} and runs every overlay's secret generator there. */
    static Path prepare(Path root, Path scratch) throws IOException, InterruptedException {
        Path source = root.resolve("deploy/kubernetes");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = scratch.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!source.relativize(file).toString().contains("/secrets/")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> scripts = Files.walk(scratch.resolve("overlays"))) {
            for (Path script : scripts.filter(p -> p.endsWith("generate-secrets.sh")).toList()) {
                run(List.of("sh", script.toString()), scratch);
            }
        }
        return scratch;
    }

    /** {@code kubectl kustomize <tree>/<directory>}, every document parsed into its model class. */
    static Rendering of(Path tree, String directory) throws IOException, InterruptedException {
        String yaml = run(List.of("kubectl", "kustomize", tree.resolve(directory).toString()), tree);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new Rendering(directory, List.copyOf(objects));
    }

    /** The YAML of a file the test reads beside the rendering (a kustomization, an app's settings) as plain maps. */
    static Map<String, Object> yamlFile(Path file) throws IOException {
        return SERIALIZATION.unmarshal(Files.readString(file), Map.class);
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Documents whose kind no model class knows (fabric8 falls back to a generic resource for those). */
    List<HasMetadata> untyped() {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource).toList();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
        all(DaemonSet.class).forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
        return workloads;
    }

    /** The workload whose pods run the container of that name. */
    Workload workloadRunning(String container) {
        return workloads().stream()
                .filter(w -> w.template().getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(container)))
                .findFirst().orElseThrow(() -> new AssertionError(directory + ": no workload runs a " + container));
    }

    Optional<ConfigMap> configMap(String namespace, String name) {
        return all(ConfigMap.class).stream().filter(m -> named(m, namespace, name)).findFirst();
    }

    Optional<Secret> secret(String namespace, String name) {
        return all(Secret.class).stream().filter(s -> named(s, namespace, name)).findFirst();
    }

    /**
     * A container's environment as the kubelet would give it: the config maps' values (envFrom, then env), secrets as
     * {@code <secret>}, pod fields as {@code <status.podIP>}, and {@code $(NAME)} expanded from the names before it.
     */
    Map<String, String> environment(Workload workload, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        String namespace = workload.namespace();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                configMap(namespace, from.getConfigMapRef().getName()).ifPresent(map -> env.putAll(map.getData()));
            }
            if (from.getSecretRef() != null) {
                secret(namespace, from.getSecretRef().getName())
                        .ifPresent(secret -> secret.getData().keySet().forEach(key -> env.put(key, "<secret>")));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            EnvVarSource from = variable.getValueFrom();
            String value;
            if (from == null) {
                Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(variable.getValue());
                value = reference.replaceAll(r -> Matcher.quoteReplacement(
                        env.getOrDefault(r.group(1), r.group())));
            } else if (from.getConfigMapKeyRef() != null) {
                value = configMap(namespace, from.getConfigMapKeyRef().getName())
                        .map(map -> map.getData().get(from.getConfigMapKeyRef().getKey())).orElse(null);
            } else if (from.getFieldRef() != null) {
                value = "<" + from.getFieldRef().getFieldPath() + ">";
            } else {
                value = "<secret>";
            }
            env.put(variable.getName(), value);
        }
        return env;
    }

    private static boolean named(HasMetadata object, String namespace, String name) {
        return object.getMetadata().getName().equals(name)
                && java.util.Objects.equals(object.getMetadata().getNamespace(), namespace);
    }

    /**
     * Fields the model classes did not know, as "Kind/name: Class.field" lines. fabric8 keeps unknown fields in
     * {@code additionalProperties} instead of failing, so a misspelt {@code readinesProbe} would parse silently.
     */
    List<String> unknownFields() {
        List<String> found = new ArrayList<>();
        for (HasMetadata object : objects) {
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), found,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return found;
    }

    private static void collectUnknown(Object value, String where, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(item -> collectUnknown(item, where, found, seen));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collectUnknown(item, where, found, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) property).keySet().forEach(key ->
                        found.add(where + ": " + value.getClass().getSimpleName() + "." + key));
            } else {
                collectUnknown(property, where, found, seen);
            }
        }
    }
}
