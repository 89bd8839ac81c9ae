package dev.slipway.e2e.deploy;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Slipway deployed on a real single-node Docker Swarm with deploy/swarm/up.sh, as an operator deploys it: the node is
 * initialised here when the engine is not in a Swarm yet (and left again on {@link #close}, only then), the stack's
 * ports are free ports of this machine and its images the locally built ones.
 */
final class SwarmStack implements AutoCloseable {

    static final String STACK = "slipway-e2e";
    static final String ADMIN_EMAIL = "owner@example.com";

    final String bootstrapToken = "swarm-" + UUID.randomUUID();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    final int apiPort;
    final int edgePort;
    private final Path logs;
    private final Map<String, String> environment = new HashMap<>();
    private final boolean initialisedSwarm;

    private SwarmStack(Path logs, boolean initialisedSwarm) throws IOException {
        this.logs = logs;
        this.initialisedSwarm = initialisedSwarm;
        apiPort = SlipwayStack.freePort();
        edgePort = SlipwayStack.freePort();
        environment.putAll(Map.of(
                "SLIPWAY_STACK", STACK,
                "SLIPWAY_BOOTSTRAP_TOKEN", bootstrapToken,
                "SLIPWAY_ADMIN_EMAIL", ADMIN_EMAIL,
                "SLIPWAY_ADMIN_PASSWORD", "swarm-owner-password-1",
                "SLIPWAY_API_PORT", Integer.toString(apiPort),
                "SLIPWAY_EDGE_PORT", Integer.toString(edgePort),
                "SLIPWAY_EDGE_HTTPS_PORT", Integer.toString(SlipwayStack.freePort()),
                "SLIPWAY_S3_PORT", Integer.toString(SlipwayStack.freePort()),
                "SLIPWAY_COMPUTE_PUBLISHED_PORT", Integer.toString(SlipwayStack.freePort())));
    }

    /** Joins or initialises a Swarm and builds the images the stack runs; {@link #up} deploys it. */
    static SwarmStack prepare(Path logs) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        boolean initialise = !docker("info", "--format", "{{.Swarm.LocalNodeState}}").trim().equals("active");
        if (initialise) {
            docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        SwarmStack stack = new SwarmStack(logs, initialise);
        try {
            stack.buildImages();
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * {@code ./slipway images --services} and the HAProxy image, then tags of this run's own for the role images: the
     * engine may be shared, and another build of {@code slipway/*} must not change what this stack runs.
     */
    private void buildImages() throws IOException, InterruptedException {
        Path root = SlipwayStack.projectRoot();
        String built = run(logs.resolve("images.log"), Map.of(), 1200, root.resolve("slipway").toString(), "images",
                "--services");
        for (String role : List.of("control-plane", "runner", "edge")) {
            String pinned = runTag(role, "1");
            docker("tag", builtTag(built, "slipway/" + role + ":"), pinned);
            environment.put("SLIPWAY_" + role.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_IMAGE", pinned);
        }
        environment.put("SLIPWAY_POSTGRES_IMAGE", builtTag(built, "slipway/postgres:"));
        environment.put("SLIPWAY_S3_IMAGE", builtTag(built, "slipway/s3mock:"));
        environment.put("SLIPWAY_HAPROXY_IMAGE", run(logs.resolve("haproxy-image.log"), Map.of(), 900,
                root.resolve("deploy/swarm/testing/haproxy-image.sh").toString()).trim().lines()
                .reduce((first, last) -> last).orElseThrow());
    }

    /** A tag of this run's ({@link #close} removes it). */
    String runTag(String role, String generation) {
        return "slipway-e2e/" + role + ":" + run + "-" + generation;
    }

    /** The tag {@code ./slipway images} printed that starts with {@code prefix} ("images: slipway/postgres:15  150 MB"). */
    private static String builtTag(String output, String prefix) {
        return output.lines().map(String::trim).filter(line -> line.startsWith("images: " + prefix))
                .map(line -> line.substring("images: ".length()).split("\\s+")[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("./slipway images built no " + prefix + "*:\n" + output));
    }

    /** deploy/swarm/up.sh; returns its output (it ends once the API answers). */
    String up() throws IOException, InterruptedException {
        return run(logs.resolve("up.log"), environment, 420, script("up.sh"));
    }

    /** deploy/swarm/down.sh, keeping volumes, secrets and network unless {@code purge}. */
    String down(boolean purge) throws IOException, InterruptedException {
        return purge ? run(logs.resolve("down.log"), environment, 240, script("down.sh"), "--purge")
                : run(logs.resolve("down.log"), environment, 240, script("down.sh"));
    }

    private static String script(String name) {
        return SlipwayStack.projectRoot().resolve("deploy/swarm").resolve(name).toString();
    }

    Api api() {
        return new Api("http://127.0.0.1:" + apiPort, bootstrapToken);
    }

    String edgeUrl() {
        return "http://127.0.0.1:" + edgePort;
    }

    /** The ids of the running containers of one of the stack's services on this node. */
    List<String> containers(String service) throws IOException, InterruptedException {
        String ids = docker("ps", "-q", "--no-trunc", "--filter",
                "label=com.docker.swarm.service.name=" + STACK + "_" + service, "--filter", "status=running");
        return ids.lines().filter(line -> !line.isBlank()).toList();
    }

    /** The address a container reaches this machine at: the gateway of Swarm's bridge to the host. */
    static String hostAddressForContainers() throws IOException, InterruptedException {
        return docker("network", "inspect", "docker_gwbridge", "--format", "{{(index .IPAM.Config 0).Gateway}}").trim();
    }

    /** The last lines of every service's log, for assertion messages. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (String service : List.of("control-plane", "runner", "edge", "api", "postgres", "s3")) {
            try {
                String log = docker("service", "logs", "--no-task-ids", "--tail", "30", STACK + "_" + service);
                all.append("\n--- ").append(service).append(" ---\n").append(log);
            } catch (IOException | InterruptedException | RuntimeException e) {
                all.append("\n--- ").append(service).append(": ").append(e.getMessage());
            }
        }
        try {
            all.append("\n--- tasks ---\n").append(docker("stack", "ps", "--no-trunc", STACK));
        } catch (IOException | InterruptedException | RuntimeException e) {
            all.append("\n--- tasks: ").append(e.getMessage());
        }
        return all.toString();
    }

    static String docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(arguments));
        return run(null, Map.of(), 180, command.toArray(String[]::new));
    }

    /** Runs a command to its end; its output (also appended to {@code log} when given), or an exception saying why. */
    private static String run(Path log, Map<String, String> environment, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("slipway-swarm", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).directory(SlipwayStack.projectRoot().toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("SLIPWAY_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (log != null) {
                Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + (ended ? " exited with "
                        + process.exitValue() : " did not end within " + timeoutSeconds + " s") + ":\n" + tail(text));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Removes the stack with everything it made, and leaves the Swarm when this initialised it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            down(true);
        } finally {
            try {
                for (String role : List.of("control-plane", "runner", "edge")) {
                    for (String generation : List.of("1", "2")) {
                        run(null, Map.of(), 60, "sh", "-c", "docker rmi " + runTag(role, generation) + " || true");
                    }
                }
            } finally {
                if (initialisedSwarm) {
                    docker("swarm", "leave", "--force");
                }
            }
        }
    }
}
