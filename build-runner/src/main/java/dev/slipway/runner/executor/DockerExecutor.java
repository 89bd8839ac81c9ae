package dev.slipway.runner.executor;

import dev.slipway.runner.metrics.RunnerMeters;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.slipway.runner.sandbox.BuildSandbox;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each step in a container of the build image through the Docker Engine API (docker-java, API version left
 * unset: stack-notes pitfall 7). The workspace, the script and the CA bundle are copied in as a tar (no bind mounts:
 * pitfall 11); the container runs {@code bash /slipway/build.sh} with {@code init=true} (pitfall 9), memory and CPU
 * limits, the {@link BuildSandbox} (capabilities, no-new-privileges, pids limit, network), and the label
 * {@code slipway.job=<jobId>} so orphans can be reaped.
 */
public final class DockerExecutor implements BuildExecutor {

    public static final String JOB_LABEL = "slipway.job";
    public static final String RUNNER_LABEL = "slipway.runner";
    static final String CA_PATH = "/slipway/ca.crt";

    private static final Logger log = LoggerFactory.getLogger(DockerExecutor.class);

    private final DockerClient docker;
    private final String image;
    private final Path caBundle;
    private final String runnerId;
    private final BuildSandbox sandbox;
    private final Map<String, String> containers = new ConcurrentHashMap<>();

    /** Hardened containers on Docker's default bridge ({@link BuildSandbox#defaultBridge()}). */
    public DockerExecutor(DockerClient docker, String image, Path caBundle, String runnerId) {
        this(docker, image, caBundle, runnerId, BuildSandbox.defaultBridge());
    }

    public DockerExecutor(DockerClient docker, String image, Path caBundle, String runnerId, BuildSandbox sandbox) {
        this.docker = docker;
        this.image = image;
        this.caBundle = caBundle;
        this.runnerId = runnerId;
        this.sandbox = sandbox;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean isAvailable() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void setupWorkflow(Workflow workflow) throws IOException {
        Files.createDirectories(workflow.scratchDir());
    }

    /** Images are never pulled: a missing default image is the platform's problem, a missing custom one the user's. */
    private String requireImage(Step step) throws IOException {
        String wanted = step.image() == null ? image : step.image();
        try {
            docker.inspectImageCmd(wanted).exec();
            return wanted;
        } catch (NotFoundException e) {
            if (step.image() != null) {
                throw new MissingImageException(wanted);
            }
            throw new IOException("build image " + image + " is not present on the Docker engine; build it with "
                    + "deploy/build-image/build.sh", e);
        } catch (DockerException | DockerClientException e) {
            throw new IOException("Docker engine error while checking image " + wanted + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void startStep(Workflow workflow, Step step) throws IOException {
        String stepImage = requireImage(step);
        Path archive = writeInputArchive(workflow, step);
        try {
            HostConfig host = sandbox.apply(HostConfig.newHostConfig().withInit(true));
            if (step.memoryBytes() > 0) {
                host.withMemory(step.memoryBytes()).withMemorySwap(step.memoryBytes());
            }
            if (step.nanoCpus() > 0) {
                host.withNanoCPUs(step.nanoCpus());
            }
            long began = System.nanoTime();
            String id = docker.createContainerCmd(stepImage)
                    .withName("slipway-job-" + workflow.jobId() + "-" + step.name() + "-" + System.nanoTime() % 100000)
                    .withLabels(Map.of(JOB_LABEL, Long.toString(workflow.jobId()), RUNNER_LABEL, runnerId,
                            OrphanOwners.PID_NAMESPACE_LABEL, OrphanOwners.PID_NAMESPACE))
                    .withEnv(environment(step))
                    .withWorkingDir(workingDir(step))
                    .withCmd("bash", "/slipway/build.sh")
                    .withHostConfig(host)
                    .exec().getId();
            containers.put(key(workflow, step), id);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                docker.copyArchiveToContainerCmd(id).withRemotePath("/").withTarInputStream(in).exec();
            }
            docker.startContainerCmd(id).exec();
            RunnerMeters.containerStarted("build", Duration.ofNanos(System.nanoTime() - began));
        } catch (DockerException | DockerClientException e) {
            throw new IOException("Docker engine failed to start the build container: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private Path writeInputArchive(Workflow workflow, Step step) throws IOException {
        Files.createDirectories(workflow.scratchDir());
        Path archive = Files.createTempFile(workflow.scratchDir(), "input", ".tar");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive));
             TarArchiveOutputStream tar = TarArchives.newOutput(file)) {
            TarArchives.addDirectory(tar, workflow.sourceDir(), "workspace");
            TarArchives.addFile(tar, "slipway/build.sh", step.script().getBytes(StandardCharsets.UTF_8), 0755);
            if (hasCaBundle()) {
                TarArchives.addFile(tar, CA_PATH.substring(1), caBundle, 0644);
            }
            tar.finish();
        }
        return archive;
    }

    private List<String> environment(Step step) {
        List<String> env = new ArrayList<>();
        step.environment().forEach((k, v) -> env.add(k + "=" + v));
        if (hasCaBundle()) {
            for (String name : List.of("NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "GIT_SSL_CAINFO")) {
                if (!step.environment().containsKey(name)) {
                    env.add(name + "=" + CA_PATH);
                }
            }
        }
        return env;
    }

    private boolean hasCaBundle() {
        return caBundle != null && Files.isReadable(caBundle);
    }

    private static String workingDir(Step step) {
        return step.workingDir().isEmpty() ? "/workspace" : "/workspace/" + step.workingDir();
    }

    @Override
    public void tailStep(Workflow workflow, Step step, Consumer<String> lines) throws IOException {
        String id = requireContainer(workflow, step);
        try {
            new DockerLogFollower(docker, id, lines).follow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DockerException | DockerClientException e) {
            throw new IOException("could not follow the build container's output: " + e.getMessage(), e);
        }
    }

    @Override
    public StepOutcome waitStep(Workflow workflow, Step step, Duration timeout) throws IOException {
        String id = requireContainer(workflow, step);
        try {
            Integer code;
            try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
                code = wait.awaitStatusCode(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (DockerClientException timedOut) {
                log.info("build container of job {} ran past {}; killing it", workflow.jobId(), timeout);
                destroyStep(workflow, step);
                return new StepOutcome(137, false, true);
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
            return new StepOutcome(code == null ? -1 : code, oom, false);
        } catch (NotFoundException gone) {
            return new StepOutcome(137, false, false);
        } catch (IOException | DockerException e) {
            throw new IOException("Docker engine failed while waiting for the build: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean copyOut(Workflow workflow, Step step, String workspacePath, Path localDir) throws IOException {
        String id = requireContainer(workflow, step);
        String path = workspacePath.isEmpty() ? "/workspace" : "/workspace/" + workspacePath;
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, path).exec()) {
            TarArchives.Extracted result = TarArchives.extract(tar, localDir, true);
            if (!result.skipped().isEmpty()) {
                log.warn("skipped {} unsafe entries copying {} out of the build container", result.skipped().size(), path);
            }
            return true;
        } catch (NotFoundException missing) {
            return false;
        } catch (DockerException | DockerClientException e) {
            throw new IOException("could not copy " + path + " out of the build container: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroyStep(Workflow workflow, Step step) {
        String id = containers.remove(key(workflow, step));
        if (id != null) {
            remove(id);
        }
    }

    @Override
    public void destroyWorkflow(Workflow workflow) {
        String prefix = workflow.jobId() + "/";
        containers.keySet().removeIf(k -> k.startsWith(prefix));
        removeLabelled(Map.of(JOB_LABEL, Long.toString(workflow.jobId()), RUNNER_LABEL, runnerId));
    }

    /**
     * Removes containers left by runner processes that no longer exist: containers of this runner id, and containers
     * of {@code <this host>-<pid>} runners whose pid is gone. Call once on start.
     *
     * @return how many were removed
     */
    public int reapOrphans() {
        int removed = 0;
        for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(JOB_LABEL)).exec()) {
            if (OrphanOwners.isOrphan(container.getLabels(), RUNNER_LABEL, runnerId)) {
                remove(container.getId());
                removed++;
            }
        }
        return removed;
    }

    private void removeLabelled(Map<String, String> labels) {
        try {
            for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
                remove(container.getId());
            }
        } catch (RuntimeException e) {
            log.warn("could not list build containers for cleanup: {}", e.getMessage());
        }
    }

    private void remove(String id) {
        DockerClients.forceRemove(docker, id, "build");
    }

    private static String key(Workflow workflow, Step step) {
        return workflow.jobId() + "/" + step.name();
    }

    private String requireContainer(Workflow workflow, Step step) throws IOException {
        String id = containers.get(key(workflow, step));
        if (id == null) {
            throw new IOException("step " + step.name() + " was not started or was already destroyed");
        }
        return id;
    }
}
