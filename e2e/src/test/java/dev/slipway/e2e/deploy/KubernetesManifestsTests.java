package dev.slipway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.slipway.e2e.SlipwayStack;
import dev.slipway.e2e.deploy.AppSettings.Role;
import dev.slipway.e2e.deploy.Rendering.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes, rendered offline by {@code kubectl kustomize} (the base and the example overlay) and parsed by
 * fabric8's model classes, against what the apps really read and serve (collected from their sources by
 * {@link AppSettings}): images, probes, ports, environment names, the objects they reference, the runner's
 * Docker-in-Docker sidecar. Nothing is applied to a cluster.
 */
class KubernetesManifestsTests {

    /** Names a Slipway container may carry beside SLIPWAY_*: what the AWS SDK, docker-java and the manifests use. */
    private static final Map<Role, Set<String>> OTHER_NAMES = Map.of(
            Role.CONTROL_PLANE, Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
            Role.RUNNER, Set.of("DOCKER_HOST", "POD_IP"),
            Role.EDGE, Set.of());

    private static final Map<String, Rendering> RENDERINGS = new LinkedHashMap<>();
    private static final Map<Role, AppSettings> APPS = new EnumMap<>(Role.class);
    private static Path tree;

    @BeforeAll
    static void render(@TempDir Path scratch) throws Exception {
        Path root = SlipwayStack.projectRoot();
        tree = Rendering.prepare(root, scratch);
        for (String directory : List.of("base", "overlays/example")) {
            RENDERINGS.put(directory, Rendering.of(tree, directory));
        }
        for (Role role : Role.values()) {
            APPS.put(role, AppSettings.of(root, role));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void everyObjectIsOfAKnownKindWithOnlyKnownFields(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        assertThat(rendering.untyped()).as("documents of no known kind").isEmpty();
        assertThat(rendering.unknownFields()).as("fields the Kubernetes API does not have").isEmpty();
        assertThat(rendering.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("slipway-control-plane", "slipway-edge");
        assertThat(rendering.all(DaemonSet.class)).extracting(d -> d.getMetadata().getName())
                .containsExactly("slipway-runner");
        assertThat(rendering.workloadRunning(Role.CONTROL_PLANE.container).owner())
                .isInstanceOfSatisfying(Deployment.class, d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
        Service edges = service(rendering, "slipway-edge");
        assertThat(edges.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(edges.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactlyInAnyOrder(80, 443);
    }

    /** The base's keys are placeholders a control plane refuses (no base64); the overlay's script makes real ones. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void keysAreAes256KeysOnlyWhereTheOverlayGeneratedThem(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.putAll(rendering.all(Secret.class).stream().filter(s -> s.getMetadata().getName().startsWith(
                "slipway-control-plane")).findFirst().orElseThrow().getData());
        keys.putAll(rendering.all(Secret.class).stream().filter(s -> s.getMetadata().getName().startsWith(
                "slipway-tokens")).findFirst().orElseThrow().getData());
        for (String key : List.of("master-key", "tls-key")) {
            String value = new String(Base64.getDecoder().decode(keys.get(key)), StandardCharsets.UTF_8);
            if (directory.equals("base")) {
                assertThat(value).as(key).isEqualTo("REPLACE-ME");
            } else {
                assertThat(Base64.getDecoder().decode(value)).as(key).hasSize(32);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void everySlipwayContainerRunsItsRolesImage(String directory) throws Exception {
        Rendering rendering = RENDERINGS.get(directory);
        Map<String, String> overlayImages = new LinkedHashMap<>();
        if (!directory.equals("base")) {
            List<Map<String, Object>> images = (List<Map<String, Object>>) Rendering.yamlFile(
                    tree.resolve(directory).resolve("kustomization.yaml")).get("images");
            images.forEach(i -> overlayImages.put((String) i.get("name"), i.get("newName") + ":" + i.get("newTag")));
        }
        for (Role role : Role.values()) {
            String image = container(rendering, role).getImage();
            if (directory.equals("base")) {
                assertThat(image).startsWith(role.image() + ":").doesNotEndWith(":latest");
            } else {
                assertThat(image).isEqualTo(overlayImages.get(role.image()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void probesAskTheHealthEndpointsTheAppsServe(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        for (Role role : Role.values()) {
            AppSettings app = APPS.get(role);
            Container container = container(rendering, role);
            int port = ports(rendering, role).getFirst();
            assertHttpProbe(container, container.getLivenessProbe(), app.liveness(), port);
            assertHttpProbe(container, container.getReadinessProbe(), app.readiness(), port);
        }
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.longRunning()) {
                assertThat(container.getLivenessProbe()).as(container.getName() + " liveness").isNotNull();
                assertThat(container.getReadinessProbe()).as(container.getName() + " readiness").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void containersAndServicesUseThePortsTheAppsListenOn(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        for (Role role : Role.values()) {
            assertThat(container(rendering, role).getPorts()).extracting(ContainerPort::getContainerPort)
                    .as(role.container + " ports").containsExactlyInAnyOrderElementsOf(ports(rendering, role));
        }
        for (Service service : rendering.all(Service.class)) {
            Workload workload = selected(rendering, service.getMetadata().getNamespace(), service.getSpec().getSelector());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(resolve(workload.template().getSpec().getContainers(), port.getTargetPort()))
                        .as(service.getMetadata().getName() + " port " + port.getName()).isPositive();
            }
        }
        Workload runners = rendering.workloadRunning(Role.RUNNER.container);
        Map<String, String> runnerEnv = rendering.environment(runners, container(rendering, Role.RUNNER));
        assertThat(runnerEnv.get("SLIPWAY_COMPUTE_ADVERTISED_URL"))
                .isEqualTo("http://<status.podIP>:" + ports(rendering, Role.RUNNER).getFirst());
        assertThat(runnerEnv).containsEntry("SLIPWAY_COMPUTE_BIND_ADDRESS", "0.0.0.0");
        Service controlPlanes = service(rendering, "slipway-control-plane");
        String controlPlaneUrl = "http://" + controlPlanes.getMetadata().getName() + ":"
                + controlPlanes.getSpec().getPorts().getFirst().getPort();
        for (Role role : List.of(Role.RUNNER, Role.EDGE)) {
            assertThat(rendering.environment(rendering.workloadRunning(role.container), container(rendering, role)))
                    .containsEntry("SLIPWAY_CONTROL_PLANE_URL", controlPlaneUrl);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void everyVariableIsOneTheAppReads(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        for (Role role : Role.values()) {
            Set<String> names = rendering.environment(rendering.workloadRunning(role.container),
                    container(rendering, role)).keySet();
            Set<String> unknown = new HashSet<>(names);
            unknown.removeAll(APPS.get(role).envNames());
            unknown.removeAll(OTHER_NAMES.get(role));
            assertThat(unknown).as("variables the " + role.container + " does not read").isEmpty();
        }
        // a Service named slipway-edge would otherwise hand every pod SLIPWAY_EDGE_PORT=tcp://…
        for (Workload workload : rendering.workloads()) {
            assertThat(workload.template().getSpec().getEnableServiceLinks()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void everySecretAndConfigMapReferencedIsRendered(String directory) {
        assertThat(References.missing(RENDERINGS.get(directory))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void disruptionBudgetsAndNetworkPoliciesSelectPods(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        Set<Workload> budgeted = new HashSet<>();
        for (PodDisruptionBudget budget : rendering.all(PodDisruptionBudget.class)) {
            budgeted.add(selected(rendering, budget.getMetadata().getNamespace(), matchLabels(budget.getSpec()
                    .getSelector())));
        }
        assertThat(budgeted).containsExactlyInAnyOrderElementsOf(rendering.workloads());
        Workload edges = rendering.workloadRunning(Role.EDGE.container);
        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            String namespace = policy.getMetadata().getNamespace();
            selected(rendering, namespace, matchLabels(policy.getSpec().getPodSelector()));
            policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> {
                // edges proxy SSR requests straight to the apps' ports, which the runner's engine picks
                if (selected(rendering, namespace, matchLabels(peer.getPodSelector())).equals(edges)) {
                    assertThat(rule.getPorts()).as("ports edges may reach").isNullOrEmpty();
                }
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void runnersBuildInTheirOwnDockerEngine(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        Workload runners = rendering.workloadRunning(Role.RUNNER.container);
        List<Container> sidecars = runners.sidecars();
        assertThat(sidecars).as("the Docker-in-Docker sidecar").hasSize(1);
        Container docker = sidecars.getFirst();
        assertThat(docker.getImage()).contains("dind");
        assertThat(docker.getSecurityContext().getPrivileged()).isTrue();
        assertThat(docker.getArgs()).first().isEqualTo("dockerd");
        assertThat(docker.getArgs()).noneMatch(arg -> arg.contains("tcp://"));
        String socket = docker.getArgs().stream().filter(arg -> arg.startsWith("--host=unix://")).findFirst()
                .orElseThrow().substring("--host=unix://".length());
        Container runner = container(rendering, Role.RUNNER);
        assertThat(rendering.environment(runners, runner)).containsEntry("DOCKER_HOST", "unix://" + socket);
        String socketDir = socket.substring(0, socket.lastIndexOf('/'));
        assertThat(runner.getVolumeMounts()).anySatisfy(mount -> assertThat(docker.getVolumeMounts())
                .anyMatch(m -> m.getName().equals(mount.getName()) && m.getMountPath().equals(socketDir)
                        && mount.getMountPath().equals(socketDir)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/example"})
    void controlPlanesAndEdgesRunAsNonRootAndEveryContainerHasAMemoryBound(String directory) {
        Rendering rendering = RENDERINGS.get(directory);
        for (Role role : List.of(Role.CONTROL_PLANE, Role.EDGE)) {
            var pod = rendering.workloadRunning(role.container).template().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(container(rendering, role).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        }
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.allContainers()) {
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
                assertThat(container.getResources().getRequests()).as(container.getName()).containsKey("memory");
            }
        }
    }

    private static Container container(Rendering rendering, Role role) {
        return rendering.workloadRunning(role.container).container(role.container);
    }

    /** The ports the role's app opens with the environment the manifests give it (its defaults otherwise). */
    private static List<Integer> ports(Rendering rendering, Role role) {
        Map<String, String> env = rendering.environment(rendering.workloadRunning(role.container),
                container(rendering, role));
        List<Integer> ports = new ArrayList<>();
        APPS.get(role).ports().forEach((name, fallback) ->
                ports.add(env.containsKey(name) ? Integer.parseInt(env.get(name)) : fallback));
        return ports;
    }

    private static void assertHttpProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as(container.getName()).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(container.getName() + " probes over HTTP").isNotNull();
        assertThat(get.getPath()).as(container.getName()).isEqualTo(path);
        assertThat(resolve(List.of(container), get.getPort())).as(container.getName() + " probe port").isEqualTo(port);
    }

    /** A port given by number or by the name of a container port; 0 when no container has that name. */
    private static int resolve(List<Container> containers, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return containers.stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> port.getStrVal().equals(p.getName())).mapToInt(ContainerPort::getContainerPort)
                .findFirst().orElse(0);
    }

    private static Service service(Rendering rendering, String name) {
        return rendering.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(rendering.directory() + ": no Service " + name));
    }

    private static Map<String, String> matchLabels(LabelSelector selector) {
        assertThat(selector.getMatchExpressions()).as("selectors by labels only").isNullOrEmpty();
        return selector.getMatchLabels();
    }

    /** The one workload in the namespace whose pods carry all the labels. */
    private static Workload selected(Rendering rendering, String namespace, Map<String, String> labels) {
        List<Workload> matching = rendering.workloads().stream().filter(w -> java.util.Objects.equals(w.namespace(),
                namespace) && w.podLabels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matching).as("workloads selected by " + labels).hasSize(1);
        return matching.getFirst();
    }
}
