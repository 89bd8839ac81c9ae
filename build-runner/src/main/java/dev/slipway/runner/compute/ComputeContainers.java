package dev.slipway.runner.compute;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.runner.executor.DockerClients;
import dev.slipway.runner.executor.DockerLogFollower;
import dev.slipway.runner.executor.OrphanOwners;
import dev.slipway.runner.sandbox.HostFirewall;
import dev.slipway.runner.sandbox.IsolatedNetworks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker side of compute instances: one container per deployment running {@code node <entrypoint>} as an
 * unprivileged user with the bundle copied into {@code /app}, its port 3000 published on the address the compute
 * host listens on (loopback by default), where edges reach it directly and this process at {@link #localAddress()}. Containers join the compute network
 * ({@link IsolatedNetworks}): builds and other apps' servers cannot reach them there, only that published port.
 */
final class ComputeContainers {

    static final String DEPLOYMENT_LABEL = "slipway.compute.deployment";
    static final String HOST_LABEL = "slipway.compute.host";
    /** Not root, and not the image's build user: nobody owns the app's files, so it cannot rewrite its own code. */
    static final String USER = "1000:1000";
    private static final ExposedPort APP_PORT = ExposedPort.tcp(ComputeBundle.PORT);
    private static final Logger log = LoggerFactory.getLogger(ComputeContainers.class);

    private final DockerClient docker;
    private final String image;
    private final long memoryBytes;
    private final long nanoCpus;
    private final String publishAddress;
    private final String hostId;
    private final String network;
    private final Path scratch;
    private final Map<String, Thread> followers = new ConcurrentHashMap<>();

    /**
     * Where this process reaches a published app: the publish address itself (a runner in a container listens on
     * the Docker bridge's gateway, not on loopback), or loopback when it is a wildcard.
     */
    String localAddress() {
        return publishAddress.equals("0.0.0.0") || publishAddress.equals("::") ? "127.0.0.1" : publishAddress;
    }

    /** A started container and the port its app answers on, published on the compute host's address. */
    record Started(String containerId, int hostPort) {
    }

    /** How a container ended, or {@code running} when it has not. */
    record State(boolean running, int exitCode, boolean oomKilled, Instant finishedAt) {
    }

    ComputeContainers(DockerClient docker, String image, long memoryBytes, long nanoCpus, String publishAddress,
                      String hostId, String network, Path scratch) {
        this.docker = docker;
        this.image = image;
        this.memoryBytes = memoryBytes;
        this.nanoCpus = nanoCpus;
        this.publishAddress = publishAddress;
        this.hostId = hostId;
        this.network = network;
        this.scratch = scratch;
    }

    boolean engineAnswers() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String image() {
        return image;
    }

    /** Creates the compute network when absent and cuts it from this machine's ports; logs what stays open. */
    void prepareNetwork() {
        new IsolatedNetworks(docker, HostFirewall.system()).prepare(network, "SSR");
    }

    Started start(String deploymentId, ComputeBundle bundle, BlobStore blobs, Map<String, String> env)
            throws IOException {
        Path archive = BundleArchive.write(bundle, blobs, scratch);
        String id = null;
        try {
            HostConfig host = HostConfig.newHostConfig()
                    .withInit(true)
                    .withMemory(memoryBytes).withMemorySwap(memoryBytes)
                    .withNanoCPUs(nanoCpus)
                    .withPidsLimit(512L)
                    .withCapDrop(Capability.ALL)
                    .withSecurityOpts(List.of("no-new-privileges"))
                    .withNetworkMode(network)
                    .withPortBindings(new PortBinding(Ports.Binding.bindIp(publishAddress), APP_PORT));
            String entrypoint = bundle.entrypoint();
            int slash = entrypoint.lastIndexOf('/');
            id = docker.createContainerCmd(image)
                    .withName("slipway-compute-" + deploymentId + "-" + Long.toString(System.nanoTime() % 1_000_000, 36))
                    .withLabels(Map.of(DEPLOYMENT_LABEL, deploymentId, HOST_LABEL, hostId,
                            OrphanOwners.PID_NAMESPACE_LABEL, OrphanOwners.PID_NAMESPACE))
                    .withUser(USER)
                    .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withWorkingDir("/" + BundleArchive.APP_DIR + (slash < 0 ? "" : "/" + entrypoint.substring(0, slash)))
                    .withCmd("node", "/" + BundleArchive.APP_DIR + "/" + entrypoint)
                    .withExposedPorts(APP_PORT)
                    .withHostConfig(host)
                    .exec().getId();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                docker.copyArchiveToContainerCmd(id).withRemotePath("/").withTarInputStream(in).exec();
            }
            docker.startContainerCmd(id).exec();
            return new Started(id, hostPort(docker.inspectContainerCmd(id).exec()));
        } catch (DockerException | DockerClientException e) {
            if (id != null) {
                remove(id);
            }
            throw new IOException("Docker engine failed to start the compute container: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static int hostPort(InspectContainerResponse inspect) throws IOException {
        Ports.Binding[] bindings = inspect.getNetworkSettings().getPorts().getBindings().get(APP_PORT);
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
            throw new IOException("the Docker engine published no host port for the app");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Null when the container no longer exists. */
    State state(String containerId) {
        try {
            InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(containerId).exec().getState();
            boolean running = Boolean.TRUE.equals(s.getRunning());
            Integer code = s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue();
            Instant finished = null;
            if (!running && s.getFinishedAt() != null && !s.getFinishedAt().startsWith("0001-")) {
                finished = Instant.parse(s.getFinishedAt());
            }
            return new State(running, code == null ? -1 : code, Boolean.TRUE.equals(s.getOOMKilled()), finished);
        } catch (NotFoundException gone) {
            return null;
        }
    }

    /** Container id to running, for this host's compute containers: one engine call a monitor tick. */
    Map<String, Boolean> runningByContainer() {
        Map<String, Boolean> result = new HashMap<>();
        for (var c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(HOST_LABEL, hostId)).exec()) {
            result.put(c.getId(), "running".equals(c.getState()));
        }
        return result;
    }

    /** Delivers the container's output lines on a thread of its own until the container stops or is removed. */
    void follow(String containerId, Consumer<String> lines) {
        followers.put(containerId, Thread.ofVirtual().name("compute-log-" + containerId.substring(0, 12)).start(() -> {
            try {
                new DockerLogFollower(docker, containerId, lines).follow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.debug("stopped following compute container {}: {}", containerId, e.getMessage());
            }
        }));
    }

    /**
     * Waits (bounded) until the output of a stopped container has been delivered: its last lines explain a failed
     * start, and removing it first would cut them off.
     */
    void awaitOutput(String containerId, Duration limit) throws InterruptedException {
        Thread follower = followers.get(containerId);
        if (follower != null) {
            follower.join(limit);
        }
    }

    /** Stops gracefully (SIGTERM through docker-init, then SIGKILL after 3 s) and removes the container. */
    void stopAndRemove(String containerId) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(3).exec();
        } catch (RuntimeException alreadyStoppedOrGone) {
            // removal below forces whatever state is left
        }
        remove(containerId);
    }

    /** Removes the container (killing it if it still runs) once its output was read to the end. */
    void remove(String containerId) {
        try {
            awaitOutput(containerId, Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        followers.remove(containerId);
        DockerClients.forceRemove(docker, containerId, "compute");
    }

    /**
     * Removes compute containers of processes that no longer run (killed with -9 before they could clean up), by
     * the same ownership rule as build containers. Call once on start.
     */
    int removeLeftovers() {
        List<String> leftovers = new ArrayList<>();
        for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DEPLOYMENT_LABEL)).exec()) {
            if (OrphanOwners.isOrphan(c.getLabels(), HOST_LABEL, hostId)) {
                leftovers.add(c.getId());
            }
        }
        leftovers.forEach(this::remove);
        return leftovers.size();
    }
}
